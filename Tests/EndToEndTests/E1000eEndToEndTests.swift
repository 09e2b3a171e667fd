import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated e1000e driver against the simulated 82574L (QEMU's behaviour, `E1000eModel`).
/// The QEMU tier runs the same steps on QEMU's e1000e.
@Suite struct E1000eEndToEndTests {
    struct Setup {
        let simulation = Simulation()
        let model: E1000eModel
        let device: SimulatedPCIDevice
        let attachment: DriverAttachment
        var driver: E1000eDriver { attachment.driver(as: E1000eDriver.self) }

        init(model: E1000eModel = E1000eModel(resetDuration: .milliseconds(2))) async throws {
            self.model = model
            simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
            simulation.bus.register(E1000eDriver.self, personalities: E1000e.personalities)
            device = simulation.makeDevice(E1000e.layout, model: model)
            attachment = try await simulation.bus.attach(device, tunnelled: true)
        }

    }

    /// A broadcast frame with an experimental ether type.
    static let frame: [UInt8] =
        [UInt8](repeating: 0xFF, count: 6) + [0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x88, 0xB5]
        + Array("drivergen e1000e frame".utf8) + [UInt8](repeating: 0, count: 24)

    @Test func startsResetsAndReadsItsIdentity() async throws {
        let setup = try await Setup()
        #expect(setup.attachment.personality.name == "E1000eDriver")
        #expect(setup.simulation.clock.now >= .start.advanced(by: .milliseconds(2)), "start waited for the 2 ms reset")
        #expect(await setup.driver.run { $0.macAddress() } == [0x52, 0x54, 0x00, 0x12, 0x34, 0x56])
        var words: [UInt16] = []
        for word in UInt32(0)..<3 { words.append(try await setup.driver.readEEPROM(word: word)) }
        #expect(words == [0x5452, 0x1200, 0x5634])
        #expect(await setup.driver.linkUp)
        #expect(setup.device.value(of: "interruptVectorAllocation") == 0x000C_B9A8, "rx0 -> 0, tx0 -> 1, rx1 -> 2, tx1 -> 3, other -> 4")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func aSoftwareLinkStatusChangeArrivesOnVector4AndIsAcknowledged() async throws {
        let setup = try await Setup()
        for expected: UInt64 in [1, 2] {
            await setup.driver.run { $0.raiseLinkStatusChange() }
            await setup.simulation.drain()
            #expect(await setup.driver.linkStatusChanges == expected)
        }
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 4) } == 2)
        #expect(setup.device.value(of: "interruptCause") == 0, "acknowledging 'other' cleared the link cause too")
    }

    @Test func aMaskedCauseWaitsForItsMaskToBeSet() async throws {
        let setup = try await Setup()
        await setup.driver.run { $0.setLinkStatusChangeMasked(true) }
        #expect(await !setup.driver.run { $0.isLinkStatusChangeEnabled })
        await setup.driver.run { $0.raiseLinkStatusChange() }
        await setup.simulation.advance(by: .milliseconds(200))
        #expect(await setup.driver.linkStatusChanges == 0, "masked")
        await setup.driver.run { $0.setLinkStatusChangeMasked(false) }
        await setup.simulation.drain()
        #expect(await setup.driver.linkStatusChanges == 1, "unmasking delivered the pending cause")
    }

    @Test func transmitsAFrameByDMAAndCountsItInTheClearOnReadStatistics() async throws {
        let setup = try await Setup()
        try await setup.driver.run { try $0.transmit(Self.frame) }
        await setup.simulation.drain()
        #expect(await setup.driver.transmittedFrames == 1, "descriptor done, reported on vector 1")
        #expect(setup.model.framesSent == [Self.frame])
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 1) } == 1)
        let first = await setup.driver.run { $0.readStatistics() }
        #expect(first.goodPacketsTransmitted == 1 && first.totalPacketsTransmitted == 1 && first.broadcastPacketsTransmitted == 1)
        #expect(await setup.driver.run { $0.registers.goodPacketsTransmitted.read().value } == 0, "reading cleared it")
        try await setup.driver.run { try $0.transmit(Self.frame) }
        await setup.simulation.drain()
        #expect(await setup.driver.run { $0.readStatistics() }.goodPacketsTransmitted == 2, "the driver adds up what it reads")
        await setup.simulation.bus.detach(setup.attachment)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        #expect(setup.simulation.hostMemory.liveSegments.isEmpty, "stop released the ring and its buffers")
    }

    @Test func aResetThatNeverFinishesFailsStartAtTheTimeoutInVirtualTime() async throws {
        let simulation = Simulation()
        simulation.bus.register(E1000eDriver.self, personalities: E1000e.personalities)
        let device = simulation.makeDevice(E1000e.layout, model: E1000eModel(resetDuration: .seconds(30)))
        await #expect(throws: SimulationError.startFailed(.timedOut("the controller to finish its reset", after: E1000eDriver.resetTimeout))) {
            try await simulation.bus.attach(device)
        }
        #expect(simulation.clock.now == .start.advanced(by: .milliseconds(50)), "exactly the 50 ms timeout, in virtual time")
        #expect(device.command & 0x6 == 0, "the failed start was undone")
    }
}
