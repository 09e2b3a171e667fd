import ArgumentParser
import DriverSpec

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and report every problem as path:line:col: error: message.")

    @Argument(help: "Spec files or folders (default: every spec under Specs/).")
    var paths: [String] = []

    func run() throws {
        let files = try SpecPaths.expand(paths)
        var failed = false
        for file in files {
            let result = SpecLoader.load(path: file)
            Console.report(result.diagnostics)
            if result.spec == nil { failed = true }
        }
        Console.status(failed ? "validation failed" : "\(files.count) spec\(files.count == 1 ? "" : "s") valid")
        if failed { throw ExitCode.failure }
    }
}
