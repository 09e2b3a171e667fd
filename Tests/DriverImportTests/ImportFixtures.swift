import DriverCodegen
import DriverImport
import DriverSpec
import Foundation
import TestSupport

/// The source files the import tests read, and what they do with a result.
enum ImportFixtures {
    static let chips = Repository.root.appendingPathComponent("Tests/Chips")
    static let ipxact = Repository.root.appendingPathComponent("Tests/Import")

    /// Imports a file and loads the spec it wrote.
    static func importAndLoad(_ url: URL, _ format: ImportFormat, options: ImportOptions = ImportOptions()) -> (result: ImportResult, spec: DeviceSpec?) {
        let result = SpecImporter.importFile(path: url.path, format: format, options: options)
        guard let text = result.text else { return (result, nil) }
        return (result, SpecLoader.load(text: text, file: "imported.yaml").spec)
    }

    /// Generates the spec's drivers, builds them with the simulation harness, and runs it:
    /// every register of a fresh simulated device reads its reset value, the personality
    /// matches the device, the driver starts and stops. Returns what went wrong, or nil.
    static func generateBuildAndSimulate(_ spec: DeviceSpec) throws -> String? {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [URL] = []
        var plists: [String] = []
        for file in DeviceGenerator().files(for: spec, specFileName: "imported.yaml") {
            let url = directory.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            if file.path.hasSuffix(".swift") { sources.append(url) } else { plists.append(url.path) }
        }
        if let failure = try SimulationHarness.checkPlists(plists) { return failure }
        let main = directory.appendingPathComponent("main.swift")
        try (SimulationHarness.source + """

            @main struct Run {
                static func main() {
                    check(\(GeneratedNames.namespace(spec.name)).layout, \(GeneratedNames.namespace(spec.name)).personalities, \(spec.driver.className).self, seed: 0)
                    print("checked \\(checked) registers")
                    if !failures.isEmpty {
                        print(failures.prefix(20).joined(separator: "\\n"))
                        exit(1)
                    }
                }
            }
            """).write(to: main, atomically: true, encoding: .utf8)
        let run = try SwiftBuilder.buildAndRun(sources + [main], linking: ["DriverSimulator"])
        guard run.status == 0, run.output.hasPrefix("checked ") else { return "\(run.output)\(run.errors.prefix(3000))" }
        return nil
    }
}
