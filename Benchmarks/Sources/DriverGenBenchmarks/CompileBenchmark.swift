import DriverCodegen
import Foundation
import SpecSynthesis

/// How long the generated code of a large spec takes to compile, and the compiler's peak memory,
/// in debug and release, from clean: synthetic specs of several sizes (so the per-register cost
/// can be seen to stay flat) and RP2040's real register map.
///
/// Each case is a throwaway SwiftPM package that holds the generated Swift as target `Chip`
/// beside DriverRuntime (linked from this checkout). DriverRuntime is built first and not
/// counted; then `swift build --target Chip` runs in a child process of this executable
/// (`compile-case`), whose `getrusage(RUSAGE_CHILDREN)` gives the largest compiler process.
enum CompileBenchmark {
    struct Case {
        var name: String
        var registers: Int
        var specText: String
    }

    static func cases(arguments: [String]) -> [Case] {
        let sizes = arguments.compactMap(Int.init)
        var cases = (sizes.isEmpty ? [250, 500, 1000, 2000] : sizes).map {
            Case(name: "synthetic \($0)", registers: $0, specText: LargeSpec.text(registers: $0, name: "Chip"))
        }
        if sizes.isEmpty || arguments.contains("rp2040") {
            let url = repositoryRoot.appendingPathComponent("Tests/Chips/rp2040.yaml")
            let text = try! String(contentsOf: url, encoding: .utf8)
            cases.append(Case(name: "rp2040", registers: 1114, specText: text))
        }
        return cases
    }

    static func run(arguments: [String]) {
        let configurations = arguments.contains("debug") ? ["debug"] : arguments.contains("release") ? ["release"] : ["debug", "release"]
        say("compile: case | registers | Swift lines | configuration | wall s | s per 1,000 registers | peak RSS MiB | warnings")
        for testCase in cases(arguments: arguments) {
            let package = makePackage(for: testCase)
            defer { try? FileManager.default.removeItem(at: package.directory) }
            for configuration in configurations {
                let result = measure(package: package.directory, configuration: configuration)
                say(
                    String(
                        format: "  %@ | %d | %d | %@ | %.1f | %.1f | %.0f | %d",
                        testCase.name, testCase.registers, package.lines, configuration,
                        result.seconds, result.seconds * 1000 / Double(testCase.registers),
                        result.peakMegabytes, result.warnings))
            }
        }
    }

    /// Unbuffered, so a long run shows each line as it is measured.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The child's work: build target Chip and print `seconds peak-KiB warnings status`.
    static func runCase(package: String, configuration: String) {
        let start = ContinuousClock.now
        let (status, output) = run("/usr/bin/env", ["swift", "build", "-c", configuration, "--target", "Chip"], in: package)
        let elapsed = ContinuousClock.now - start
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let warnings = output.components(separatedBy: "\n").filter { $0.contains("warning:") }
        if status != 0 { FileHandle.standardError.write(Data(output.suffix(4000).utf8)) }
        print("\(elapsed.nanoseconds / 1e9) \(usage.ru_maxrss) \(warnings.count) \(status)")
    }

    private static func measure(package: URL, configuration: String) -> (seconds: Double, peakMegabytes: Double, warnings: Int) {
        let (prepared, preparation) = run("/usr/bin/env", ["swift", "build", "-c", configuration, "--target", "DriverRuntime"], in: package.path)
        precondition(prepared == 0, "DriverRuntime must build:\n\(preparation)")
        let executable = CommandLine.arguments[0]
        let (status, output) = run(executable, ["compile-case", package.path, configuration], in: package.path)
        let fields = output.split(separator: "\n").last?.split(separator: " ") ?? []
        precondition(status == 0 && fields.count == 4 && fields[3] == "0", "the generated code must compile:\n\(output)")
        return (Double(fields[0])!, Double(fields[1])! / 1024, Int(fields[2])!)
    }

    private static func makePackage(for testCase: Case) -> (directory: URL, lines: Int) {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("drivergen-compile-\(UUID().uuidString)")
        let chip = directory.appendingPathComponent("Sources/Chip")
        try! manager.createDirectory(at: chip, withIntermediateDirectories: true)
        for module in ["DriverRuntime", "CVolatile", "Locking"] {
            try! manager.createSymbolicLink(
                at: directory.appendingPathComponent("Sources/\(module)"),
                withDestinationURL: repositoryRoot.appendingPathComponent("Sources/\(module)"))
        }
        try! manifest.write(to: directory.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let spec = directory.appendingPathComponent("chip.yaml")
        try! testCase.specText.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = GenerationPipeline.render(.init(specPaths: [spec.path]))
        guard let files = outcome.files else {
            fatalError("\(testCase.name) does not generate:\n\(outcome.diagnostics.map(\.description).joined(separator: "\n"))")
        }
        var lines = 0
        for file in files where file.path.hasSuffix(".swift") {
            let url = chip.appendingPathComponent((file.path as NSString).lastPathComponent)
            try! file.contents.write(to: url, atomically: true, encoding: .utf8)
            lines += file.contents.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        return (directory, lines)
    }

    private static let manifest = """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "CompileBenchmark",
            targets: [
                .target(name: "CVolatile"),
                .target(name: "Locking"),
                .target(name: "DriverRuntime", dependencies: ["CVolatile", "Locking"]),
                .target(name: "Chip", dependencies: ["DriverRuntime"]),
            ],
            swiftLanguageModes: [.v6]
        )

        """

    /// This checkout, or `DRIVERGEN_ROOT` (to measure against a snapshot of the runtime while editing).
    static let repositoryRoot =
        ProcessInfo.processInfo.environment["DRIVERGEN_ROOT"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private static func run(_ executable: String, _ arguments: [String], in directory: String) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try! process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
