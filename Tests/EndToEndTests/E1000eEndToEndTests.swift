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

        init(model: E1000eModel = E1000eModel(resetDuration: .milliseconds(2))) throws {
            self.model = model
            simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
            simulation.bus.register(E1000eDriver.self, personalities: E1000e.personalities)
            device = simulation.makeDevice(E1000e.layout, model: model)
            attachment = try simulation.bus.attach(device, tunnelled: true)
        }

        func onQueue<T>(_ body: (E1000eDriver) throws -> T) rethrows -> T {
            let driver = self.driver
            return try driver.queue.sync { try body(driver) }
        }
    }

    /// A broadcast frame with an experimental ether type.
    static let frame: [UInt8] = [UInt8](repeating: 0xFF, count: 6) + [0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x88, 0xB5]
        + Array("drivergen e1000e frame".utf8) + [UInt8](repeating: 0, count: 24)

    @Test func startsResetsAndReadsItsIdentity() throws {
        let setup = try Setup()
        #expect(setup.attachment.personality.name == "E1000eDriver")
        #expect(setup.simulation.clock.now >= 2_000_000, "start waited for the 2 ms reset")
        #expect(setup.onQueue { $0.macAddress() } == [0x52, 0x54, 0x00, 0x12, 0x34, 0x56])
        let words = try setup.onQueue { driver in try (0..<3).map { try driver.readEEPROM(word: $0) } }
        #expect(words == [0x5452, 0x1200, 0x5634])
        #expect(setup.onQueue { $0.linkUp })
        #expect(setup.device.value(of: "interruptVectorAllocation") == 0x000C_B9A8, "rx0 -> 0, tx0 -> 1, rx1 -> 2, tx1 -> 3, other -> 4")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func aSoftwareLinkStatusChangeArrivesOnVector4AndIsAcknowledged() throws {
        let setup = try Setup()
        for expected: UInt64 in [1, 2] {
            setup.onQueue { $0.raiseLinkStatusChange() }
            setup.simulation.drain()
            #expect(setup.onQueue { $0.linkStatusChanges } == expected)
        }
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 4) } == 2)
        #expect(setup.device.value(of: "interruptCause") == 0, "acknowledging 'other' cleared the link cause too")
    }

    @Test func aMaskedCauseWaitsForItsMaskToBeSet() throws {
        let setup = try Setup()
        setup.onQueue { $0.setLinkStatusChangeMasked(true) }
        #expect(!setup.onQueue { $0.isLinkStatusChangeEnabled })
        setup.onQueue { $0.raiseLinkStatusChange() }
        setup.simulation.advance(by: .milliseconds(200))
        #expect(setup.onQueue { $0.linkStatusChanges } == 0, "masked")
        setup.onQueue { $0.setLinkStatusChangeMasked(false) }
        setup.simulation.drain()
        #expect(setup.onQueue { $0.linkStatusChanges } == 1, "unmasking delivered the pending cause")
    }

    @Test func transmitsAFrameByDMAAndCountsItInTheClearOnReadStatistics() throws {
        let setup = try Setup()
        try setup.onQueue { try $0.transmit(Self.frame) }
        setup.simulation.drain()
        #expect(setup.onQueue { $0.transmittedFrames } == 1, "descriptor done, reported on vector 1")
        #expect(setup.model.framesSent == [Self.frame])
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 1) } == 1)
        let first = setup.onQueue { $0.readStatistics() }
        #expect(first.goodPacketsTransmitted == 1 && first.totalPacketsTransmitted == 1 && first.broadcastPacketsTransmitted == 1)
        #expect(setup.onQueue { $0.registers.goodPacketsTransmitted.read().value } == 0, "reading cleared it")
        try setup.onQueue { try $0.transmit(Self.frame) }
        setup.simulation.drain()
        #expect(setup.onQueue { $0.readStatistics() }.goodPacketsTransmitted == 2, "the driver adds up what it reads")
        setup.simulation.bus.detach(setup.attachment)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        #expect(setup.simulation.hostMemory.liveSegments.isEmpty, "stop released the ring and its buffers")
    }

    @Test func aResetThatNeverFinishesFailsStartAtTheTimeoutInVirtualTime() throws {
        let simulation = Simulation()
        simulation.bus.register(E1000eDriver.self, personalities: E1000e.personalities)
        let device = simulation.makeDevice(E1000e.layout, model: E1000eModel(resetDuration: .seconds(30)))
        let realStart = ContinuousClock.now
        #expect(throws: SimulationError.startFailed(.timedOut("the controller to finish its reset", after: E1000eDriver.resetTimeout))) {
            try simulation.bus.attach(device)
        }
        #expect(ContinuousClock.now - realStart < .seconds(2))
        #expect(simulation.clock.now == 50_000_000, "exactly the 50 ms timeout, in virtual time")
        #expect(device.command & 0x6 == 0, "the failed start was undone")
    }
}
