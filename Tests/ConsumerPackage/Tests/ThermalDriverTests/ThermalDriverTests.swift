import DriverRuntime
import DriverSimulator
import Testing
import ThermalDrivers

/// The consumer's generated driver, tested on the simulator without hardware.
@Suite struct ThermalDriverTests {
    @Test func readsTheTemperatureWhenTheAlarmFires() async throws {
        let simulation = Simulation()
        simulation.bus.register(ThermalDriver.self, personalities: Thermal.personalities)
        let device = simulation.makeDevice(Thermal.layout)
        let driver = try await simulation.bus.attach(device, tunnelled: true).driver(as: ThermalDriver.self)
        #expect(device.value(of: "eventEnable") == 1, "the generated base enabled the alarm")

        device.setValue(0x0560, of: "temperature")  // 86 °C
        device.raise("alarm")
        await simulation.drain()
        #expect(await driver.alarms == [86.0])
        #expect(device.value(of: "events") == 0, "acknowledged: written 1 to clear")
    }

    @Test func awaitsTheNextAlarmInVirtualTime() async throws {
        let simulation = Simulation()
        simulation.bus.register(ThermalDriver.self, personalities: Thermal.personalities)
        let device = simulation.makeDevice(Thermal.layout)
        let driver = try await simulation.bus.attach(device).driver(as: ThermalDriver.self)
        // The sensor heats up: an alarm at 90 °C, 5 virtual seconds from now.
        simulation.clock.schedule(after: .seconds(5)) {
            device.setValue(90 * 16, of: "temperature")
            device.raise("alarm")
        }
        #expect(try await driver.awaitAlarm(timeout: .seconds(10)) == 90)
        #expect(simulation.clock.now == DriverInstant.start.advanced(by: .seconds(5)))
        await #expect(throws: PCIError.timedOut("completion of 1", after: .seconds(1))) {
            try await driver.awaitAlarm(timeout: .seconds(1))
        }
    }

    @Test func setsTheThreshold() async throws {
        let simulation = Simulation()
        simulation.bus.register(ThermalDriver.self, personalities: Thermal.personalities)
        let device = simulation.makeDevice(Thermal.layout)
        let driver = try await simulation.bus.attach(device).driver(as: ThermalDriver.self)
        await driver.setThreshold(celsius: 70)
        #expect(device.value(of: "threshold") == 70 * 16)
    }
}
