import ArgumentParser
import DriverCodegen
import DriverSpec
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate typed Swift drivers from specs, all or nothing.",
        discussion: """
            Writes <output>/<Device>/ for each spec (property lists to <bundle-output>/<Device>/ when \
            given). Nothing in the output changes unless every spec is valid. With --check, writes nothing and exits 1 listing every stale, missing or extra file, and what an interrupted run left.
            Runs writing the same folder wait for one another.
            """)

    @Argument(help: "Spec files or folders (default: every spec under Specs/).")
    var specs: [String] = []

    @Option(name: .shortAndLong, help: "The folder generated drivers go to (default: Generated).")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The folder Info.plist and entitlements go to, as <dir>/<Device>/ (default: with the Swift files).",
            discussion: "Keeps property lists out of the folder a SwiftPM target compiles, so the target needs no excludes."))
    var bundleOutput: String?

    @Option(help: "A folder of Mustache templates replacing the bundled ones of the same name.")
    var templates: String?

    @Option(help: "A JSON file of defaults: specs, output, bundle-output, templates (default: ./drivergen.json if present).")
    var config: String?

    @Flag(help: "Write nothing; exit 1 if any generated file is stale, missing or extra.")
    var check = false

    /// What messages tell users to run to regenerate; the plugin passes its own command.
    @Option(help: .hidden)
    var regenerateCommand = "drivergen generate"

    func run() throws {
        let defaults = try GenerationConfig.load(explicitPath: config)
        let output = self.output ?? defaults?.output ?? "Generated"
        let files = try SpecPaths.expand(specs.isEmpty ? defaults?.specs ?? [] : specs)
        let templates = self.templates ?? defaults?.templates
        let plan: OutputPlan
        do {
            plan = try OutputPlan(output: output, bundleOutput: bundleOutput ?? defaults?.bundleOutput)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        let outcome = GenerationPipeline.render(.init(specPaths: files, templatesDirectory: templates))
        Console.report(outcome.diagnostics)
        let folders = plan.directories.map(\.path).joined(separator: " and ")
        let plural = plan.directories.count > 1
        guard let generated = outcome.files else {
            Console.status("generation failed; \(folders) \(plural ? "were" : "was") not changed")
            throw ExitCode.failure
        }
        if check {
            let differences = plan.differences(from: generated)
            for difference in differences { Console.error(difference.description) }
            if !differences.isEmpty {
                Console.status("\(folders) \(plural ? "are" : "is") out of date: run `\(regenerateCommand)`")
                throw ExitCode.failure
            }
            Console.status("\(folders) \(plural ? "are" : "is") up to date (\(generated.count) files)")
            return
        }
        let reports: [(directory: OutputDirectory, report: OutputDirectory.WriteReport)]
        do {
            reports = try plan.write(generated, waiting: { Console.status("\($0)…") })
        } catch {
            Console.error("error: \(error)")
            if !error.changedNothing {
                Console.error("note: fix the cause and run `\(regenerateCommand)` again; it removes what this run left")
            }
            throw ExitCode.failure
        }
        var totals = OutputDirectory.WriteReport()
        for (directory, report) in reports {
            let folder = directory.path as NSString
            for path in report.written { Console.status("wrote \(folder.appendingPathComponent(path))") }
            for path in report.removed { Console.status("removed \(folder.appendingPathComponent(path))") }
            for path in report.removedLeftovers {
                Console.status("removed \(folder.appendingPathComponent(path)): left by an interrupted run")
            }
            for path in report.keptUserFiles {
                Console.status("kept \(folder.appendingPathComponent(path)): no spec generates it, and it is not generated; delete it if its device is gone")
            }
            for path in report.remainingBackups {
                Console.status("note: could not remove \(path); the next run removes it")
            }
            totals.written += report.written
            totals.removed += report.removed
            totals.unchanged += report.unchanged
        }
        Console.status("\(totals.written.count) written, \(totals.removed.count) removed, \(totals.unchanged) unchanged")
    }
}
