import DriverCodegen
import DriverSpec
import Foundation
import SpecSynthesis
import TestSupport
import Testing

/// For many random valid specs: the generated Swift compiles, the plists parse, and on the
/// simulator every register reads back its reset value after reset, the driver matches its own
/// device, starts and stops without a violation; every structure field sets exactly its bytes
/// and every ring fills, rings its doorbell and takes ready entries (`DMAMemoryChecks`).
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
        var files: [(path: String, contents: String)] = []
        var checks: [String] = []
        var statements: [String] = []
        for index in indices {
            let random = RandomSpec(seed: Self.seed, index: index)
            let result = SpecLoader.load(text: random.text, file: "\(random.name).yaml")
            let spec = try #require(result.spec, "seed \(Self.seed) index \(index): \(result.diagnostics)\n\(random.text)")
            files += DeviceGenerator().files(for: spec, specFileName: "\(random.name).yaml").map { ($0.path, $0.contents) }
            checks.append("check(\(spec.name).layout, \(spec.name).personalities, \(spec.driver.className).self, seed: \(index))")
            if let dma = DMAMemoryChecks.function(for: spec) {
                files.append(("\(random.name)DMAChecks.swift", "import DriverRuntime\n\n" + dma.declaration))
                statements.append("runChecks(\"\(spec.name) (spec \(index))\") { \(dma.call) }")
            }
        }
        let failure = try SimulationHarness.buildAndCheck(files, checks: checks, statements: statements)
        #expect(failure == nil, "seed \(Self.seed), specs \(indices): \(failure ?? "")")
    }
}
