import DriverSpec
import Foundation
import SpecSynthesis

/// Parse + decode + validate of a synthetic 10,000-register spec held in memory.
enum SpecLoadingBenchmark {
    static func run() {
        let text = LargeSpec.text(registers: 10_000)
        let data = Data(text.utf8)
        var registers = 0
        let measurement = Measurement.time(runs: 5) {
            let result = SpecLoader.load(data: data, file: "large.yaml")
            registers = result.spec?.allRegisters.count ?? -1
        }
        precondition(registers == 10_000, "the synthetic spec must be valid")
        print(
            String(
                format: "load: 10,000 registers (%.1f MB): best %.0f ms, median %.0f ms",
                Double(data.count) / 1e6, measurement.best.milliseconds, measurement.median.milliseconds))
    }
}
