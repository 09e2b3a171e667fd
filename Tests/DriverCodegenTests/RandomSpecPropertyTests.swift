import DriverCodegen
import DriverSpec
import Foundation
import SpecSynthesis
import TestSupport
import Testing

/// For many random valid specs: the generated Swift compiles, the plists parse, and on the
/// simulator every register reads back its reset value after reset, the driver matches its own
/// device, starts and stops without a violation.
///
/// `DRIVERGEN_PROPERTY_SPECS` sets how many specs (default 200), `DRIVERGEN_PROPERTY_SEED` the
/// seed. Specs are checked in batches: one compiler run and one program run per batch.
@Suite(.serialized) struct RandomSpecPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = Int(environment["DRIVERGEN_PROPERTY_SPECS"] ?? "") ?? 200
    static let seed = UInt64(environment["DRIVERGEN_PROPERTY_SEED"] ?? "") ?? 2026
    static let batchSize = 50

    static var batches: [Range<Int>] {
        stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
    }

    @Test(arguments: batches)
    func generatedCodeCompilesAndSimulates(indices: Range<Int>) throws {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [URL] = []
        var plists: [String] = []
        var checks: [String] = []
        for index in indices {
            let random = RandomSpec(seed: Self.seed, index: index)
            let result = SpecLoader.load(text: random.text, file: "\(random.name).yaml")
            let spec = try #require(result.spec, "seed \(Self.seed) index \(index): \(result.diagnostics)\n\(random.text)")
            for file in DeviceGenerator().files(for: spec, specFileName: "\(random.name).yaml") {
                let url = directory.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
                try file.contents.write(to: url, atomically: true, encoding: .utf8)
                if file.path.hasSuffix(".swift") { sources.append(url) } else { plists.append(url.path) }
            }
            checks.append("check(\(spec.name).layout, \(spec.name).personalities, \(spec.driver.className).self, seed: \(index))")
        }
        #expect(try SimulationHarness.checkPlists(plists) == nil)
        let main = directory.appendingPathComponent("main.swift")
        try (SimulationHarness.source + """

            @main struct Run {
                static func main() {
                    \(checks.joined(separator: "\n        "))
                    print("checked \\(checked) registers in \(indices.count) devices")
                    if !failures.isEmpty {
                        print(failures.prefix(20).joined(separator: "\\n"))
                        exit(1)
                    }
                }
            }
            """).write(to: main, atomically: true, encoding: .utf8)
        let run = try SwiftBuilder.buildAndRun(sources + [main], linking: ["DriverSimulator"])
        #expect(run.status == 0, "seed \(Self.seed), specs \(indices): \(run.output)\(run.errors.prefix(3000))")
        #expect(run.output.hasPrefix("checked "))
    }

}
