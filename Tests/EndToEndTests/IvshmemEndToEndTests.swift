import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated ivshmem driver against a simulated ivshmem-doorbell.
@Suite struct IvshmemEndToEndTests {
    @Test func doorbellsPeersAndSharedMemory() throws {
        let simulation = Simulation()
        simulation.bus.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
        let model = IvshmemModel(peerID: 3)
        let device = simulation.makeDevice(Ivshmem.layout, model: model)
        let driver = try simulation.bus.attach(device).driver(as: IvshmemDriver.self)

        #expect(driver.queue.sync { driver.peerID() } == 3)
        driver.queue.sync { driver.ring(peer: 7, vector: 1) }
        #expect(model.doorbells.map { [$0.peer, $0.vector] } == [[7, 1]])

        driver.queue.sync { driver.ring(peer: 3, vector: 1) }  // this peer: interrupts itself
        device.signal(vector: 0)  // another peer rings vector 0
        device.signal(vector: 0)
        simulation.drain()
        #expect(driver.queue.sync { driver.received }.values.reduce(0, +) == 3)
        #expect(driver.queue.sync { driver.received[1] } == 1)

        driver.queue.sync {
            let provider = driver.provider!
            provider.memoryWrite64(0xDEAD_BEEF_CAFE_F00D, memoryIndex: 2, offset: 0x1000)  // BAR 2 is memory index 2
            #expect(provider.memoryRead64(memoryIndex: 2, offset: 0x1000) == 0xDEAD_BEEF_CAFE_F00D)
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x40) == 0, "reserved registers read zero")
        }
        device.setValue(1, of: "interruptStatus")
        #expect(driver.queue.sync { driver.registers.interruptStatus.read().peerInterrupt })
        #expect(driver.queue.sync { driver.registers.interruptStatus.read().peerInterrupt } == false, "reading cleared it")
    }
}
