import Foundation
import TestSupport
import Testing

/// `drivergen generate`: all-or-nothing writes, --check, determinism, template overrides.
@Suite struct GenerateCommandTests {
    /// A scratch copy of the bundled specs, generated once.
    struct Workspace {
        let root: URL
        var specs: URL { root.appendingPathComponent("Specs") }
        var output: URL { root.appendingPathComponent("Generated") }

        init() throws {
            root = try Repository.temporaryDirectory()
            try FileManager.default.copyItem(at: Repository.specs, to: specs)
        }

        func generate(_ extra: [String] = []) throws -> Shell.Result {
            try CLI.run(["generate"] + extra, in: root)
        }

        func contents(_ relative: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
        }

        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: output.path) {
                let url = output.appendingPathComponent(path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = try Data(contentsOf: url)
                }
            }
            return files
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func committedGeneratedFolderIsUpToDate() throws {
        let result = try CLI.run(["generate", "--check"])
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func checkPassesOnFreshOutputAndNamesEveryDifference() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let fresh = try workspace.generate(["--check"])
        #expect(fresh.status == 0, "\(fresh.errors)")

        let registers = workspace.output.appendingPathComponent("Edu/EduRegisters.swift")
        try (try workspace.contents("Edu/EduRegisters.swift") + "// edited\n").write(to: registers, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("Ivshmem/IvshmemBlocks.swift"))
        try "stray".write(to: workspace.output.appendingPathComponent("Edu/Stray.swift"), atomically: true, encoding: .utf8)

        let stale = try workspace.generate(["--check"])
        #expect(stale.status == 1)
        #expect(stale.errors.contains("stale: Generated/Edu/EduRegisters.swift"))
        #expect(stale.errors.contains("missing: Generated/Ivshmem/IvshmemBlocks.swift"))
        #expect(stale.errors.contains("extra: Generated/Edu/Stray.swift"))
        #expect(try workspace.contents("Edu/EduRegisters.swift").hasSuffix("// edited\n"), "--check must write nothing")
    }

    @Test func anInvalidSpecChangesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let before = try workspace.snapshot()
        // A valid change to one spec and a broken second spec: neither may reach the output.
        let edu = workspace.specs.appendingPathComponent("edu.yaml")
        try (try String(contentsOf: edu, encoding: .utf8)).replacingOccurrences(of: "offset: 0x08", with: "offset: 0x0C")
            .write(to: edu, atomically: true, encoding: .utf8)
        try "name: Broken\npci: { vendor: 0x1234, device: 1 }\ndriver: { bundle-id: com.example.Broken }\nbars:\n  - { index: 0, name: io, type: io, size: 16 }\n"
            .write(to: workspace.specs.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let result = try workspace.generate()
        #expect(result.status == 1)
        #expect(result.errors.contains("Specs/broken.yaml:5:33: error: I/O BARs are not supported"))
        #expect(result.errors.contains("generation failed; Generated was not changed"))
        #expect(try workspace.snapshot() == before)
    }

    @Test func outputIsByteIdenticalWhereverItIsGenerated() throws {
        let first = try Workspace(), second = try Workspace()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try first.generate().status == 0)
        // Different working directory and absolute paths for the second run.
        let result = try CLI.run(["generate", second.specs.path, "--output", second.output.path], in: Repository.temporaryDirectory())
        #expect(result.status == 0, "\(result.errors)")
        let a = try first.snapshot(), b = try second.snapshot()
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        // And the same as the committed copy.
        let committed = try Data(contentsOf: Repository.generated.appendingPathComponent("Edu/EduRegisters.swift"))
        #expect(a["Edu/EduRegisters.swift"] == committed)
    }

    @Test func templatesCanBeOverridden() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let templates = workspace.root.appendingPathComponent("MyTemplates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let bundled = try String(contentsOf: Repository.root.appendingPathComponent("Templates/header.mustache"), encoding: .utf8)
        try bundled.replacingOccurrences(of: "{{header}}", with: "{{header}}\n// Copyright Example Corp.")
            .write(to: templates.appendingPathComponent("header.mustache"), atomically: true, encoding: .utf8)
        let result = try workspace.generate(["--templates", templates.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try workspace.contents("Edu/Edu.swift").contains("\n// Copyright Example Corp.\n"))

        try "{{#unclosed}}".write(to: templates.appendingPathComponent("doc-typo.mustache"), atomically: true, encoding: .utf8)
        let unknown = try workspace.generate(["--templates", templates.path])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("doc-typo.mustache:1:1: error: no template is named 'doc-typo'"))
        try FileManager.default.removeItem(at: templates.appendingPathComponent("doc-typo.mustache"))
        try "{{#unclosed}}".write(to: templates.appendingPathComponent("header.mustache"), atomically: true, encoding: .utf8)
        let broken = try workspace.generate(["--templates", templates.path])
        #expect(broken.status == 1)
        #expect(broken.errors.contains("header.mustache:1:1: error: invalid Mustache template"))
    }

    @Test func overridesOfTheFilesRenderedFirstMayListTheRegisters() throws {
        // The blocks and device files start rendering while the register view models are still
        // being built; an override that lists the registers there waits for them.
        let workspace = try Workspace()
        defer { workspace.remove() }
        let templates = workspace.root.appendingPathComponent("MyTemplates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for name in ["blocks.swift", "device.swift"] {
            let bundled = try String(contentsOf: Repository.root.appendingPathComponent("Templates/\(name).mustache"), encoding: .utf8)
            try (bundled + "// Register types: {{#registers}}{{typeName}} {{/registers}}\n")
                .write(to: templates.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        let result = try workspace.generate(["--templates", templates.path])
        #expect(result.status == 0, "\(result.errors)")
        for file in ["Edu/EduBlocks.swift", "Edu/Edu.swift"] {
            #expect(try workspace.contents(file).contains("// Register types: Identification Liveness Factorial Status InterruptStatus"))
        }
    }

    @Test func theUsersDriverFileIsCreatedOnceAndNeverOverwritten() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let created = try workspace.contents("Edu/EduDriver.swift")
        #expect(created.hasPrefix("// Created by drivergen from edu.yaml, once. This file is yours"))
        #expect(created.contains("public actor EduDriver: EduDriverBase {"))
        #expect(created.contains("public func handleFactorialInterrupt(count: UInt64, time: DriverInstant)"))
        let ivshmem = try workspace.contents("Ivshmem/IvshmemDriver.swift")
        #expect(
            ivshmem.contains("// Handle the interrupt here. The spec names no acknowledge for it: clear its cause here if the device needs that."),
            "a source without 'acknowledge' is not promised one")

        let edited = created.replacingOccurrences(
            of: "// Handle the interrupt here. The generated base acknowledges it (`interruptAcknowledge.factorial`) when this returns.",
            with: "results.append(mmio.factorial.read().value)"
        )
        .replacingOccurrences(
            of: "public actor EduDriver: EduDriverBase {",
            with: "public actor EduDriver: EduDriverBase {\n    var results: [UInt32] = []")
        try edited.write(to: workspace.output.appendingPathComponent("Edu/EduDriver.swift"), atomically: true, encoding: .utf8)
        // A spec change regenerates the base class, never the user's file.
        let spec = workspace.specs.appendingPathComponent("edu.yaml")
        try (try String(contentsOf: spec, encoding: .utf8)).replacingOccurrences(of: "description: QEMU educational PCI device (hw/misc/edu.c)", with: "description: QEMU edu")
            .write(to: spec, atomically: true, encoding: .utf8)
        let result = try workspace.generate()
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.errors.contains("Edu/EduDriver.swift\n"))
        #expect(try workspace.contents("Edu/EduDriver.swift") == edited)
        #expect(try workspace.generate(["--check"]).status == 0, "an edited user file is not stale")

        // Deleted, it comes back; --check first reports it missing.
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("Edu/EduDriver.swift"))
        let check = try workspace.generate(["--check"])
        #expect(check.status == 1)
        #expect(check.errors.contains("missing: Generated/Edu/EduDriver.swift"))
        #expect(try workspace.generate().status == 0)
        #expect(try workspace.contents("Edu/EduDriver.swift").hasPrefix("// Created by drivergen from edu.yaml, once."))
    }

    @Test func aRemovedSpecLosesItsGeneratedFilesButNotTheUsers() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        try FileManager.default.removeItem(at: workspace.specs.appendingPathComponent("edu.yaml"))
        let result = try workspace.generate()
        #expect(result.status == 0)
        #expect(result.errors.contains("removed Generated/Edu/EduDriverBase.swift"))
        #expect(result.errors.contains("removed Generated/Edu/Info.plist"))
        #expect(result.errors.contains("kept Generated/Edu/EduDriver.swift"))
        #expect(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("Edu/EduDriver.swift").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("Edu/EduDriverBase.swift").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("Edu/Info.plist").path))
        let check = try workspace.generate(["--check"])
        #expect(check.errors.contains("extra: Generated/Edu/EduDriver.swift"))
    }

    @Test func aConfigFileGivesDefaultsAndArgumentsWin() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.moveItem(at: workspace.specs, to: workspace.root.appendingPathComponent("Devices"))
        try #"{ "specs": ["Devices/edu.yaml"], "output": "Out" }"#
            .write(to: workspace.root.appendingPathComponent("drivergen.json"), atomically: true, encoding: .utf8)
        let result = try workspace.generate()
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Out/Edu/Edu.swift").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Out/Ivshmem").path))

        let overridden = try workspace.generate(["Devices/ivshmem.yaml", "--output", "Elsewhere"])
        #expect(overridden.status == 0, "\(overridden.errors)")
        #expect(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Elsewhere/Ivshmem/Ivshmem.swift").path))

        try #"{ "specs": "Devices" }"#.write(to: workspace.root.appendingPathComponent("drivergen.json"), atomically: true, encoding: .utf8)
        let invalid = try workspace.generate()
        #expect(invalid.status == 1)
        #expect(invalid.errors.hasPrefix("drivergen.json:1:1: error: invalid configuration: 'specs': "), "\(invalid.errors)")

        try "{\n  \"specs\": [\"Devices\"],\n  \"bundleOutput\": \"Bundle\"\n}\n"
            .write(to: workspace.root.appendingPathComponent("drivergen.json"), atomically: true, encoding: .utf8)
        let misspelt = try workspace.generate()
        #expect(misspelt.status == 1)
        #expect(
            misspelt.errors.contains("drivergen.json:3:3: error: unknown key 'bundleOutput' in the configuration; did you mean 'bundle-output'?"),
            "\(misspelt.errors)")
    }

    @Test func propertyListsCanGoToTheirOwnFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let bundle = workspace.root.appendingPathComponent("Bundle")
        #expect(try workspace.generate().status == 0)

        // Moving the property lists out of Generated/ removes them there.
        let moved = try workspace.generate(["--bundle-output", "Bundle"])
        #expect(moved.status == 0, "\(moved.errors)")
        #expect(moved.errors.contains("wrote Bundle/Edu/Info.plist"))
        #expect(moved.errors.contains("removed Generated/Edu/Info.plist"))
        let swiftFiles = try workspace.snapshot().keys
        #expect(swiftFiles.allSatisfy { $0.hasSuffix(".swift") }, "\(swiftFiles.sorted())")
        let plists = try FileManager.default.subpathsOfDirectory(atPath: bundle.path).filter { !$0.hasSuffix("/") && $0.contains(".") }
        #expect(
            Set(plists) == [
                "BoltStore/Info.plist", "BoltStore/BoltStoreDriver.entitlements", "Edu/Info.plist", "Edu/EduDriver.entitlements",
                "E1000e/Info.plist", "E1000e/E1000eDriver.entitlements", "Ivshmem/Info.plist", "Ivshmem/IvshmemDriver.entitlements", "NVMe/Info.plist",
                "NVMe/NVMeDriver.entitlements",
            ])
        // The same bytes as the committed copies, wherever they are written.
        #expect(
            try Data(contentsOf: bundle.appendingPathComponent("Edu/Info.plist"))
                == Data(contentsOf: Repository.generated.appendingPathComponent("Edu/Info.plist")))

        #expect(try workspace.generate(["--bundle-output", "Bundle", "--check"]).status == 0)
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("Edu/EduDriver.entitlements"))
        let check = try workspace.generate(["--bundle-output", "Bundle", "--check"])
        #expect(check.status == 1)
        #expect(check.errors.contains("missing: Bundle/Edu/EduDriver.entitlements"))

        let nested = try workspace.generate(["--bundle-output", "Generated/Bundle"])
        #expect(nested.status == 1)
        #expect(nested.errors.contains("must not be inside one another"))
    }

    @Test func aFolderThatCannotBeWrittenChangesNeitherFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let edu = workspace.specs.appendingPathComponent("edu.yaml")
        try (try String(contentsOf: edu, encoding: .utf8)).replacingOccurrences(of: "offset: 0x08", with: "offset: 0x0C")
            .write(to: edu, atomically: true, encoding: .utf8)
        let before = try workspace.snapshot()
        // A file where the bundle folder's Edu/ should be: staging there fails.
        let bundle = workspace.root.appendingPathComponent("Bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "in the way".write(to: bundle.appendingPathComponent("Edu"), atomically: true, encoding: .utf8)

        let result = try workspace.generate(["--bundle-output", "Bundle"])
        #expect(result.status == 1)
        #expect(result.errors.contains("error: cannot write Bundle/Edu: "), "\(result.errors)")
        #expect(result.errors.contains("Generated and Bundle were not changed"))
        #expect(try workspace.snapshot() == before, "the Swift files must not change either")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: workspace.root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aFolderWhereAChangedFileBelongsIsRefusedBeforeAnythingChanges() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let edu = workspace.specs.appendingPathComponent("edu.yaml")
        try (try String(contentsOf: edu, encoding: .utf8)).replacingOccurrences(of: "offset: 0x08", with: "offset: 0x0C")
            .write(to: edu, atomically: true, encoding: .utf8)
        let blocks = workspace.output.appendingPathComponent("Edu/EduBlocks.swift")
        try FileManager.default.removeItem(at: blocks)
        try FileManager.default.createDirectory(at: blocks, withIntermediateDirectories: false)
        try "keep".write(to: blocks.appendingPathComponent("inside"), atomically: true, encoding: .utf8)
        let before = try workspace.snapshot()

        let result = try workspace.generate()
        #expect(result.status == 1)
        #expect(
            result.errors.contains(
                "error: cannot write Generated/Edu/EduBlocks.swift: a folder or other non-file is in the way; Generated was not changed"),
            "\(result.errors)")
        #expect(try workspace.snapshot() == before)
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: workspace.root.path).filter { $0.contains(".drivergen-") }
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
