import DriverRuntime
import DriverSimulator
import Testing
import ThermalDrivers

/// The calculator driver on the simulator, with a model of the device written here: the same
/// driver runs on QEMU's edu in `Sources/CalculatorGuest`.
@Suite struct CalculatorDriverTests {
    /// What the spec cannot say: liveness reads back inverted, and an operand n becomes n! after
    /// 10 µs, with the interrupt when asked.
    struct CalculatorModel: DeviceModel {
        func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64? {
            offset == 0x04 ? ~device.value(of: "liveness") & 0xFFFF_FFFF : nil
        }

        func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling {
            guard offset == 0x08 else { return .apply }
            device.setValue(device.value(of: "status") | 1, of: "status")
            device.schedule(after: .microseconds(10)) { device in
                let factorial = (1...max(value, 1)).reduce(UInt64(1)) { $0 &* $1 } & 0xFFFF_FFFF
                device.setValue(factorial, of: "operand")
                let status = device.value(of: "status")
                device.setValue(status & ~1, of: "status")
                if status & 0x80 != 0 { device.raise("done") }
            }
            return .apply
        }
    }

    @Test func computesTenFactorialThroughTheInterrupt() async throws {
        let simulation = Simulation()
        simulation.bus.register(CalculatorDriver.self, personalities: Calculator.personalities)
        let device = simulation.makeDevice(Calculator.layout, model: CalculatorModel())
        let calculator = try await simulation.bus.attach(device).driver(as: CalculatorDriver.self)
        #expect(await calculator.version() == "1.0")
        #expect(await calculator.isAlive())
        #expect(try await calculator.factorial(of: 10, timeout: .milliseconds(1)) == 3_628_800)
        #expect(device.value(of: "interruptStatus") == 0, "acknowledged")
        #expect(simulation.trace.violations.isEmpty)
    }
}
