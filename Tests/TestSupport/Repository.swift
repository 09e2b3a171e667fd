import DriverRuntime
import Foundation
import Locking

/// Where things are in the repository and its build, found from this file and the test bundle,
/// so tests run the same from any working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let specs = root.appendingPathComponent("Specs")
    public static let generated = root.appendingPathComponent("Generated")

    public static func spec(_ name: String) -> URL { specs.appendingPathComponent(name) }

    /// The build folder the tests were built into (`.build/<triple>/debug`).
    public static let buildDirectory: URL = {
        var directory = Bundle.main.bundleURL
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Modules/DriverRuntime.swiftmodule").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    /// A fresh temporary folder; remove it when done.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drivergen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program and collects what it printed.
public enum Shell {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain both pipes while the process runs, so a chatty one cannot fill a pipe and block.
        let printedBox = Locked(Data())
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            printedBox.withLock { $0 = data }
            finished.signal()
        }.start()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        finished.wait()
        let printed = printedBox.withLock { $0 }
        return Result(
            status: process.terminationStatus,
            output: String(decoding: printed, as: UTF8.self),
            errors: String(decoding: complained, as: UTF8.self))
    }

    /// Runs a command found on PATH.
    public static func run(_ command: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [command] + arguments, in: directory)
    }
}

/// A small seeded generator, so "random" test input is the same on every run.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
