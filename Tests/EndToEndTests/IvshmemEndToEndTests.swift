import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated ivshmem driver against a simulated ivshmem-doorbell.
@Suite struct IvshmemEndToEndTests {
    @Test func doorbellsPeersAndSharedMemory() async throws {
        let simulation = Simulation()
        simulation.bus.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
        let model = IvshmemModel(peerID: 3)
        let device = simulation.makeDevice(Ivshmem.layout, model: model)
        let driver = try await simulation.bus.attach(device).driver(as: IvshmemDriver.self)

        #expect(await driver.peerID() == 3)
        await driver.ring(peer: 7, vector: 1)
        #expect(model.doorbells.map { [$0.peer, $0.vector] } == [[7, 1]])

        await driver.ring(peer: 3, vector: 1)  // this peer: interrupts itself
        device.signal(vector: 0)  // another peer rings vector 0
        device.signal(vector: 0)
        await simulation.drain()
        #expect(await driver.received.values.reduce(0, +) == 3)
        #expect(await driver.received[1] == 1)

        await driver.run { driver in
            let provider = driver.provider!
            provider.memoryWrite64(0xDEAD_BEEF_CAFE_F00D, memoryIndex: 2, offset: 0x1000)  // BAR 2 is memory index 2
            #expect(provider.memoryRead64(memoryIndex: 2, offset: 0x1000) == 0xDEAD_BEEF_CAFE_F00D)
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x40) == 0, "reserved registers read zero")
        }
        device.setValue(1, of: "interruptStatus")
        #expect(await driver.run { $0.registers.interruptStatus.read().peerInterrupt })
        #expect(await driver.run { $0.registers.interruptStatus.read().peerInterrupt } == false, "reading cleared it")
    }
}

/// The same driver against a simulated ivshmem-plain: no MSI-X, no BAR 1.
@Suite struct IvshmemPlainEndToEndTests {
    @Test func startsWithoutInterruptsAndWritesTheSharedMemory() async throws {
        let simulation = Simulation()
        simulation.bus.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
        let plain = Ivshmem.layout.removingInterrupts()
        #expect(plain.bars.map(\.index) == [0, 2], "BAR 1 held only the MSI-X table")
        let model = IvshmemModel(peerID: 0)
        let device = simulation.makeDevice(plain, model: model)
        let attachment = try await simulation.bus.attach(device)
        let driver = attachment.driver(as: IvshmemDriver.self)

        #expect(await driver.isRegistered)
        #expect(await driver.interruptsConfigured == false)
        #expect(await driver.interruptSources.isEmpty)
        let text = Array("drivergen ivshmem pattern".utf8)
        await driver.run { driver in
            driver.writeSharedMemory(text, at: 0)
            driver.writeSharedMemory([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77], at: 4096)
        }
        #expect(await driver.readSharedMemory(at: 0, count: text.count) == text)
        #expect(model.sharedMemory(at: 4096, count: 8) == [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77])
        #expect(simulation.trace.memoryWrites(bar: 2, offset: 4096) == [0x7766_5544_3322_1100], "one 64-bit write")
        await simulation.bus.detach(attachment)
        #expect(simulation.trace.violations.isEmpty, "\(simulation.trace.violations)")
    }

    @Test func theDoorbellVariantStillConfiguresItsInterrupts() async throws {
        let simulation = Simulation()
        simulation.bus.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
        let driver = try await simulation.bus.attach(simulation.makeDevice(Ivshmem.layout, model: IvshmemModel(peerID: 1))).driver(as: IvshmemDriver.self)
        #expect(await driver.interruptsConfigured)
        #expect(await driver.interruptSources.count == 2)
    }
}
