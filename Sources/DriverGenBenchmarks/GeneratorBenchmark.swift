import DriverCodegen
import DriverSpec
import Foundation
import SpecSynthesis

/// Wall time of `drivergen generate`'s work on a synthetic 10,000-register spec: load, validate,
/// render every file (nothing is written, so the disk does not blur the figure).
enum GeneratorBenchmark {
    static func run() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drivergen-bench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("large.yaml")
        try! LargeSpec.text(registers: 10_000).write(to: spec, atomically: true, encoding: .utf8)

        var bytes = 0
        let measurement = Measurement.time(runs: 3) {
            let outcome = GenerationPipeline.render(.init(specPaths: [spec.path]))
            bytes = outcome.files?.reduce(0) { $0 + $1.contents.utf8.count } ?? -1
        }
        precondition(bytes > 0, "the synthetic spec must generate")
        print(String(format: "generate: 10,000 registers -> %.1f MB of Swift: best %.2f s, median %.2f s",
                     Double(bytes) / 1e6, measurement.best.milliseconds / 1000, measurement.median.milliseconds / 1000))
    }
}
