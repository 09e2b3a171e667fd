import DriverSpec
import Foundation
import SpecSynthesis

/// Time and peak memory of loading hostile specs. Each case runs in a child process (this
/// executable with `hostile-case FILE`) under /usr/bin/time, so each has its own peak RSS.
enum HostileInputBenchmark {
    /// Loads one file and prints how many diagnostics it produced (the child's work).
    static func runCase(_ path: String) {
        let result = SpecLoader.load(path: path)
        let first = result.diagnostics.first.map { String($0.description.prefix(100)) } ?? "valid"
        print("\(result.spec == nil ? "refused" : "valid")|\(result.diagnostics.count)|\(first)")
    }

    static func run() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drivergen-hostile-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let limit = 8 << 20
        var cases: [(name: String, file: URL)] = []
        func add(_ name: String, _ text: String) {
            let url = directory.appendingPathComponent(name)
            try! text.write(to: url, atomically: true, encoding: .utf8)
            cases.append((name, url))
        }

        var laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 { laughs.append("a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]") }
        add("billion-laughs.yaml", laughs.joined(separator: "\n") + "\n")

        let huge = directory.appendingPathComponent("100MB.yaml")
        _ = FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try! FileHandle(forWritingTo: huge)
        try! handle.truncate(atOffset: 100 << 20)
        try! handle.close()
        cases.append(("100MB.yaml (sparse)", huge))

        var registers = 20_000
        var largest = LargeSpec.text(registers: registers)
        while largest.utf8.count < limit - 400_000 {
            registers += 1000
            largest = LargeSpec.text(registers: registers)
        }
        add("largest-allowed (\(registers) registers).yaml", largest)
        add("nesting-100k.yaml", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        var generator = SystemRandomNumberGenerator()
        let garbage = directory.appendingPathComponent("garbage.yaml")
        try! Data((0..<(limit - 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: garbage)
        cases.append(("random-bytes-8MB.yaml", garbage))
        add("unknown-keys-600k.yaml", "name: X\n" + (0..<600_000).map { "k\($0): 1" }.joined(separator: "\n"))
        add("long-scalar-8MB.yaml", "name: X\ndescription: \"" + String(repeating: "a", count: (8 << 20) - 1000) + "\"\n")
        add("wide-flow-2.7M.yaml", "name: X\nbars: [" + Array(repeating: "{}", count: 2_700_000).joined(separator: ",") + "]\n")

        print("hostile: input | outcome | wall s | peak RSS MiB")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        for (name, file) in cases {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "TIME %e %M", executable.path, "hostile-case", file.path]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try! process.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let timing = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let parts = timing.split(separator: "\n").last { $0.hasPrefix("TIME ") }?.split(separator: " ") ?? []
            let seconds = parts.count == 3 ? String(parts[1]) : "?"
            let megabytes = parts.count == 3 ? String(format: "%.0f", (Double(parts[2]) ?? 0) / 1024) : "?"
            let outcome = printed.split(separator: "|").prefix(3).joined(separator: " | ").trimmingCharacters(in: .whitespacesAndNewlines)
            print("  \(name) | \(outcome) | \(seconds) | \(megabytes)")
        }
    }
}
