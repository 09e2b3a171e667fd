// A generated driver (QEMU's edu, from Specs/edu.yaml) against a simulated device: match,
// start, and await a factorial the device computes in virtual time.
import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers

@main struct FirstDriverOnTheSimulator {
    static func main() async throws {
        // snippet.show
        let simulation = Simulation()
        simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel(factorialDuration: .seconds(1)))
        let attachment = try await simulation.bus.attach(device, tunnelled: true)
        let edu = attachment.driver(as: EduDriver.self)

        let result = try await edu.factorial(of: 10, timeout: .seconds(5))  // awaits the MSI
        print(result, "after", simulation.clock.now)  // 3628800, 1 s in
        // snippet.end
        precondition(result == 3_628_800)
    }
}
