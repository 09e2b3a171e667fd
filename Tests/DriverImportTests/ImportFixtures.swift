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
        let files = DeviceGenerator().files(for: spec, specFileName: "imported.yaml").map { ($0.path, $0.contents) }
        let namespace = GeneratedNames.namespace(spec.name)
        return try SimulationHarness.buildAndCheck(
            files, checks: ["check(\(namespace).layout, \(namespace).personalities, \(spec.driver.className).self, seed: 0)"])
    }
}
