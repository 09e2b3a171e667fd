import Foundation
import Locking
import SpecSynthesis
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `drivergen generate` on a disk that fills up, killed mid-write, and run twice at once: the
/// output is the old generation or the new one, never a mix, and nothing else is left.
@Suite struct GenerateUnderFaultsTests {
    /// A scratch folder with a copy of the bundled specs.
    struct Workspace {
        let root: URL
        var specs: URL { root.appendingPathComponent("Specs") }

        init() throws {
            root = try Repository.temporaryDirectory()
            try FileManager.default.copyItem(at: Repository.specs, to: specs)
        }

        func generate(_ arguments: [String]) throws -> Shell.Result {
            try CLI.run(["generate"] + arguments, in: root)
        }

        /// Every file (with its bytes) and folder under `relative`, hidden ones included.
        func snapshot(_ relative: String) throws -> [String: Data] {
            try FolderSnapshot.of(root.appendingPathComponent(relative))
        }

        /// Hidden staging and backup files under the workspace.
        func scratchFiles() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.contains(".drivergen-") }.sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// Root may mount a file system here (not in every container).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let probe = try? Repository.temporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? Shell.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]))?.status == 0 else { return false }
        _ = try? Shell.run("umount", [probe.path])
        return true
    }()

    @Test(.enabled(if: canMountTmpfs, "needs root, allowed to mount a tmpfs"))
    func aFullDiskChangesNothingAndLeavesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let disk = workspace.root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        try #require(try Shell.run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]).status == 0)
        defer { _ = try? Shell.run("umount", [disk.path]) }

        #expect(try workspace.generate(["--output", "disk/Gen"]).status == 0)
        // Leave 16 KiB free.
        var status = statvfs()
        #expect(statvfs(disk.path, &status) == 0)
        let free = Int(status.f_bavail) * Int(status.f_frsize)
        try Data(count: free - 16 * 1024).write(to: disk.appendingPathComponent("filler"))
        let before = try workspace.snapshot("disk")

        // A register description of 64 KiB: EduRegisters.swift grows past the free space.
        let edu = workspace.specs.appendingPathComponent("edu.yaml")
        let original = try String(contentsOf: edu, encoding: .utf8)
        try original.replacingOccurrences(
            of: "description: Identification, 0xRRrr00ed (major and minor version).",
            with: "description: Identification \(String(repeating: "and more ", count: 8 * 1024))"
        ).write(to: edu, atomically: true, encoding: .utf8)
        let grown = try workspace.generate(["--output", "disk/Gen"])
        #expect(grown.status == 1)
        #expect(grown.errors.contains("No space left on device; disk/Gen was not changed"), "\(grown.errors)")
        #expect(try workspace.snapshot("disk") == before, "the old generation changed, or a staging file was left")

        // A new output folder on the full disk: it is not left behind.
        let fresh = try workspace.generate(["--output", "disk/Fresh", "--bundle-output", "disk/FreshBundle"])
        #expect(fresh.status == 1)
        #expect(fresh.errors.contains("No space left on device; disk/Fresh and disk/FreshBundle were not changed"), "\(fresh.errors)")
        #expect(try workspace.snapshot("disk") == before, "a folder or staging file was left")

        // With space again, the new generation goes in whole.
        try FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
        #expect(try workspace.generate(["--output", "disk/Gen"]).status == 0)
        #expect(try workspace.generate(["--output", "disk/Gen", "--check"]).status == 0)
        #expect(try workspace.scratchFiles().isEmpty)
    }

    @Test func aRunKilledMidWriteIsCleanedUpByTheNextOne() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let large = workspace.root.appendingPathComponent("Large")
        try FileManager.default.createDirectory(at: large, withIntermediateDirectories: false)
        try LargeSpec.text(registers: 3_000).write(to: large.appendingPathComponent("large.yaml"), atomically: true, encoding: .utf8)
        let arguments = ["Large", "--output", "Gen"]
        #expect(try workspace.generate(["Large", "--output", "Reference"]).status == 0)
        let reference = try workspace.snapshot("Reference")

        var killedMidWrite = false
        for _ in 0..<10 where !killedMidWrite {
            try? FileManager.default.removeItem(at: workspace.root.appendingPathComponent("Gen"))
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["generate"] + arguments
            process.currentDirectoryURL = workspace.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill it as soon as a staging file shows.
            while process.isRunning {
                if let files = try? workspace.scratchFiles(), !files.isEmpty {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
            }
            process.waitUntilExit()
            killedMidWrite = try process.terminationReason == .uncaughtSignal && !workspace.scratchFiles().isEmpty
        }
        try #require(killedMidWrite, "no run was caught mid-write")

        let leftovers = try workspace.scratchFiles()
        let check = try workspace.generate(arguments + ["--check"])
        #expect(check.status == 1)
        for leftover in leftovers {
            #expect(check.errors.contains("leftover: \(leftover) (left by an interrupted run; the next generate removes it)"), "\(check.errors)")
        }
        let clean = try workspace.generate(arguments)
        #expect(clean.status == 0, "\(clean.errors)")
        for leftover in leftovers {
            #expect(clean.errors.contains("removed \(leftover): left by an interrupted run"))
        }
        #expect(try workspace.snapshot("Gen") == reference)
    }

    @Test func twoRunsAtOnceEndWithOneWholeGeneration() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let runs = [["Specs/edu.yaml"], ["Specs/ivshmem.yaml", "Specs/boltstore.yaml"]]
        // What the two runs leave one after the other, in either order (the first one's
        // user files stay: generate never removes them).
        let expected = try runs.indices.map { last in
            let folder = "Reference\(last)"
            for specs in [runs[1 - last], runs[last]] {
                #expect(try workspace.generate(specs + ["--output", folder]).status == 0)
            }
            return try workspace.snapshot(folder)
        }
        for _ in 0..<3 {
            let statuses = Locked([Int32]())
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let status = (try? workspace.generate(runs[index] + ["--output", "Gen"]))?.status ?? -1
                statuses.withLock { $0.append(status) }
            }
            #expect(statuses.withLock { $0 } == [0, 0])
            let after = try workspace.snapshot("Gen")
            #expect(after == expected[0] || after == expected[1], "a mixed folder: \(after.keys.sorted())")
        }
    }

    @Test func aRunWaitsWhileAnotherHoldsTheFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate([]).status == 0)
        // Hold the folder's lock as a running drivergen does.
        let folder = open(workspace.root.appendingPathComponent("Generated").path, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        #expect(flock(folder, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["generate"]
        process.currentDirectoryURL = workspace.root
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Let go only once it says it waits, however long it takes to get there.
        var printed = Data()
        let deadline = ContinuousClock.now + .seconds(120)
        while !String(decoding: printed, as: UTF8.self).contains("waiting for another drivergen run writing Generated…"),
            ContinuousClock.now < deadline, process.isRunning
        {
            printed += errors.fileHandleForReading.availableData
        }
        #expect(String(decoding: printed, as: UTF8.self).contains("waiting for another drivergen run writing Generated…"), "\(String(decoding: printed, as: UTF8.self))")
        #expect(process.isRunning, "it finished while the folder was held")
        flock(folder, LOCK_UN)
        printed += errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: printed, as: UTF8.self))")
        #expect(String(decoding: printed, as: UTF8.self).contains("0 written, 0 removed, "))
    }
}
