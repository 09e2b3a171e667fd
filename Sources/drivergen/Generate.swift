import ArgumentParser
import Foundation
import DriverCodegen
import DriverSpec

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate typed Swift drivers from specs, all or nothing.",
        discussion: """
            Writes <output>/<Device>/ for each spec. Nothing in the output changes unless every spec \
            is valid. With --check, writes nothing and exits 1 listing every stale, missing or extra file.
            """)

    @Argument(help: "Spec files or folders (default: every spec under Specs/).")
    var specs: [String] = []

    @Option(name: .shortAndLong, help: "The folder generated drivers go to (default: Generated).")
    var output: String?

    @Option(help: "A folder of Mustache templates replacing the bundled ones of the same name.")
    var templates: String?

    @Option(help: "A JSON file of defaults: specs, output, templates (default: ./drivergen.json if present).")
    var config: String?

    @Flag(help: "Write nothing; exit 1 if any generated file is stale, missing or extra.")
    var check = false

    func run() throws {
        let defaults = try GenerationConfig.load(explicitPath: config)
        let output = self.output ?? defaults?.output ?? "Generated"
        let files = try SpecPaths.expand(specs.isEmpty ? defaults?.specs ?? [] : specs)
        let templates = self.templates ?? defaults?.templates
        let outcome = GenerationPipeline.render(.init(specPaths: files, templatesDirectory: templates))
        Console.report(outcome.diagnostics)
        guard let generated = outcome.files else {
            Console.status("generation failed; \(output) was not changed")
            throw ExitCode.failure
        }
        let directory = OutputDirectory(path: output)
        if check {
            let differences = directory.differences(from: generated)
            for difference in differences {
                Console.error("\(difference.kind.rawValue): \((output as NSString).appendingPathComponent(difference.path))")
            }
            if !differences.isEmpty {
                Console.status("\(output) is out of date: run `drivergen generate`")
                throw ExitCode.failure
            }
            Console.status("\(output) is up to date (\(generated.count) files)")
            return
        }
        let report = try directory.write(generated)
        for path in report.written { Console.status("wrote \((output as NSString).appendingPathComponent(path))") }
        for path in report.removed { Console.status("removed \((output as NSString).appendingPathComponent(path))") }
        for path in report.keptUserFiles {
            Console.status("kept \((output as NSString).appendingPathComponent(path)): no spec generates it, and it is not generated; delete it if its device is gone")
        }
        Console.status("\(report.written.count) written, \(report.removed.count) removed, \(report.unchanged) unchanged")
    }
}
