import ArgumentParser
import DriverCodegen
import DriverDocs
import DriverSpec
import Foundation

struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an HTML register reference of specs: diagrams, search, a value decoder.",
        discussion: """
            Writes DIR/index.html and DIR/<Device>/: an overview, a page per BAR, peripheral or \
            configuration space (each register's bit fields, field tables and a decoder), and the \
            search index, style sheet and script. Opens from file:// with no network. Every spec \
            must be valid; nothing is written otherwise. See docs/register-reference.md.
            """)

    @Argument(help: "Spec files or folders (default: every spec under Specs/).")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "The folder to write the site to.")
    var output: String

    func run() throws {
        var specs: [DeviceSpec] = []
        var failed = false
        for file in try SpecPaths.expand(paths) {
            let result = SpecLoader.load(path: file)
            Console.report(result.diagnostics)
            if let spec = result.spec { specs.append(spec) } else { failed = true }
        }
        if failed {
            Console.status("docs not written: fix the specs above")
            throw ExitCode.failure
        }
        let files = DocsSite.files(for: specs).map { GeneratedFile(path: $0.path, contents: $0.contents) }
        do {
            _ = try OutputPlan(directory: OutputDirectory(path: output)).write(files, removingStale: false, waiting: { Console.status("\($0)…") })
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        Console.status("wrote the reference of \(specs.count) spec\(specs.count == 1 ? "" : "s") to \(output) (\(files.count) files)")
    }
}
