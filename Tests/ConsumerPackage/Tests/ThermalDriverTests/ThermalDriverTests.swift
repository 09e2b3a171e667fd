import DriverRuntime
import DriverSimulator
import Testing
import ThermalDrivers

/// The consumer's generated driver, tested on the simulator without hardware.
@Suite struct ThermalDriverTests {
    @Test func readsTheTemperatureWhenTheAlarmFires() throws {
        let simulation = Simulation()
        simulation.bus.register(ThermalDriver.self, personalities: Thermal.personalities)
        let device = simulation.makeDevice(Thermal.layout)
        let driver = try simulation.bus.attach(device, tunnelled: true).driver(as: ThermalDriver.self)
        #expect(device.value(of: "eventEnable") == 1, "the base class enabled the alarm")

        device.setValue(0x0560, of: "temperature")  // 86 °C
        device.raise("alarm")
        simulation.drain()
        #expect(driver.queue.sync { driver.alarms } == [86.0])
        #expect(device.value(of: "events") == 0, "acknowledged: written 1 to clear")
    }

    @Test func setsTheThreshold() throws {
        let simulation = Simulation()
        simulation.bus.register(ThermalDriver.self, personalities: Thermal.personalities)
        let device = simulation.makeDevice(Thermal.layout)
        let driver = try simulation.bus.attach(device).driver(as: ThermalDriver.self)
        driver.queue.sync { driver.setThreshold(celsius: 70) }
        #expect(device.value(of: "threshold") == 70 * 16)
    }
}
