import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated storage controller driver over a simulated Thunderbolt tunnel: MSI-X with
/// several vectors, the External property, pause and resume.
@Suite struct BoltStoreEndToEndTests {
    struct Setup {
        let simulation = Simulation()
        let device: SimulatedPCIDevice
        let attachment: DriverAttachment
        var driver: BoltStoreDriver { attachment.driver(as: BoltStoreDriver.self) }

        init(deviceID: UInt16 = 0x5100) async throws {
            simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
            simulation.bus.register(BoltStoreDriver.self, personalities: BoltStore.personalities)
            device = simulation.makeDevice(BoltStore.layout, deviceID: deviceID, model: BoltStoreModel())
            attachment = try await simulation.bus.attach(device, tunnelled: true)
        }

    }

    @Test(arguments: [UInt16(0x5100), 0x5101])
    func matchesBothBoardRevisions(deviceID: UInt16) async throws {
        let setup = try await Setup(deviceID: deviceID)
        #expect(setup.attachment.personality.name == "BoltStoreDriver")
        #expect(await setup.driver.isRegistered)
    }

    @Test func setsExternalBeforeAnyDeviceAccess() async throws {
        let setup = try await Setup()
        let trace = setup.simulation.trace
        let property = try #require(trace.firstIndex { $0 == .propertySet(key: "Physical Interconnect Location", value: .string("External")) })
        let firstAccess = try #require(trace.firstIndex { $0.isDeviceAccess || $0 == .opened })
        #expect(property < firstAccess, "\(trace.dump())")
        #expect(
            trace.occursInOrder([
                { if case .driverStarted = $0 { true } else { false } },
                { if case .propertySet = $0 { true } else { false } },
                { $0 == .opened },
                { $0 == .configWrite(offset: 0x04, width: 16, value: 0x6) },
                { $0 == .interruptsConfigured(type: "MSI-X", vectors: 4) },
                { $0 == .memoryWrite(bar: 0, offset: 0x1C, width: 32, value: 0xF) },  // interruptMaskClear: unmask all
                { $0 == .serviceRegistered },
            ]), "\(trace.dump())")
    }

    @Test func handlesInterruptsOnEveryMSIXVector() async throws {
        let setup = try await Setup()
        #expect(await setup.driver.run { $0.enableController() } == false, "not ready at once")
        await setup.simulation.advance(by: .microseconds(100))
        #expect(await setup.driver.run { $0.registers.status.read().ready })

        setup.device.raise("adminComplete")
        setup.device.raise("ioComplete")
        setup.device.setValue(setup.device.value(of: "status") | 0x8, of: "status")
        setup.device.raise("mediaChange")
        setup.device.setValue(0x0302, of: "errorLog")  // queue 3, linkDown
        setup.device.raise("error")
        await setup.simulation.drain()

        #expect(await setup.driver.adminCompletions == 1)
        #expect(await setup.driver.ioCompletions == 1)
        #expect(await setup.driver.mediaPresent)
        #expect(await setup.driver.errors == [.linkDown])
        #expect(setup.device.value(of: "errorLog") == 0, "reading errorLog cleared it")
        #expect(setup.device.value(of: "interruptStatus") == 0, "each handler's status bit was written 1 to clear")
        let vectors = setup.simulation.trace.filter { if case .interrupt = $0 { true } else { false } }.map(\.kind)
        #expect(vectors == [.interrupt(vector: 0), .interrupt(vector: 1), .interrupt(vector: 2), .interrupt(vector: 3)])
    }

    @Test func maskedVectorsArePendingUntilUnmasked() async throws {
        let setup = try await Setup()
        let tableEntry1Control = 0x3000 + 1 * 16 + 12
        await setup.driver.run { $0.provider!.memoryWrite32(1, memoryIndex: 0, offset: UInt64(tableEntry1Control)) }  // mask vector 1
        setup.device.raise("ioComplete")
        await setup.simulation.drain()
        #expect(await setup.driver.ioCompletions == 0)
        #expect(await setup.driver.run { $0.provider!.memoryRead64(memoryIndex: 0, offset: 0x3800) } == 0b10, "pending bit 1")
        await setup.driver.run { $0.provider!.memoryWrite32(0, memoryIndex: 0, offset: UInt64(tableEntry1Control)) }  // unmask
        await setup.simulation.drain()
        #expect(await setup.driver.ioCompletions == 1)
        #expect(await setup.driver.run { $0.provider!.memoryRead64(memoryIndex: 0, offset: 0x3800) } == 0)
    }

    @Test func pauseAndResume() async throws {
        let setup = try await Setup()
        await setup.simulation.bus.pause(setup.attachment)
        #expect(await setup.driver.isPaused)
        setup.device.raise("ioComplete")  // a paused device sends nothing
        await setup.simulation.drain()
        #expect(await setup.driver.ioCompletions == 0)
        #expect(setup.simulation.trace.violations.isEmpty)
        // A driver that touches a paused device is caught.
        await setup.driver.run { _ = $0.enableController() }
        #expect(setup.simulation.trace.violations.first?.hasSuffix("while the device is paused") == true)

        await setup.simulation.bus.resume(setup.attachment)
        setup.device.raise("adminComplete")
        await setup.simulation.drain()
        #expect(await setup.driver.adminCompletions == 1, "interrupts work after resume, at the moved MSI address")
        await setup.simulation.bus.detach(setup.attachment)
        #expect(setup.simulation.trace.count { if case .driverStopped = $0 { true } else { false } } == 1)
    }

    @Test func submissionDoorbellsReachTheirArrayElements() async throws {
        let setup = try await Setup()
        await setup.driver.run { $0.submit(queue: 2, tail: 17) }
        #expect(setup.simulation.trace.kinds.contains(.memoryWrite(bar: 0, offset: 0x1010, width: 32, value: 17)))
    }

    @Test func configSpaceRegistersAreReachable() async throws {
        let setup = try await Setup()
        let link = await setup.driver.run { $0.configSpace.vendorLink.read() }
        #expect(link.portNumber == 1 && link.linkWidth == .x2)
        await setup.driver.run { driver in driver.configSpace.vendorLink.modify { $0.wakeOnMedia = true } }
        #expect(setup.device.value(of: "vendorLink") == 0x1101)
        await setup.driver.run { driver in driver.configSpace.vendorLink.write(.init(rawValue: 0xFFFF_FFFF)) }
        #expect(setup.device.value(of: "vendorLink") == 0x1101, "read-only fields keep their value")
    }
}

/// Registers wider than an access the device takes, driven by generated drivers.
@Suite struct SplitAccessEndToEndTests {
    @Test func aRegisterOfAccessWidths32And64IsWrittenOneHalfAtATime() async throws {
        let simulation = Simulation()
        simulation.bus.register(BoltStoreDriver.self, personalities: BoltStore.personalities)
        let device = simulation.makeDevice(BoltStore.layout, model: BoltStoreModel())
        let driver = try await simulation.bus.attach(device).driver(as: BoltStoreDriver.self)
        simulation.trace.clear()
        await driver.setAdminQueue(base: 0x0000_0012_3456_7000, entries: 64)
        #expect(device.value(of: "adminQueueBase") == 0x0000_0012_3456_7000)
        #expect(
            simulation.trace.kinds.filter(\.isDeviceAccess) == [
                .memoryWrite(bar: 0, offset: 0x40, width: 32, value: 0x3456_7000),
                .memoryWrite(bar: 0, offset: 0x44, width: 32, value: 0x12),
                .memoryWrite(bar: 0, offset: 0x48, width: 32, value: 64),
            ], "\(simulation.trace.dump())")
        #expect(await driver.run { $0.registers.adminQueueBase.highHalf.read() } == 0x12)
        #expect(await driver.run { $0.registers.adminQueueBase.read().value } == 0x0000_0012_3456_7000, "one 64-bit read")
        #expect(simulation.trace.kinds.last == .memoryRead(bar: 0, offset: 0x40, width: 64, value: 0x0000_0012_3456_7000))
    }

    @Test func aRegisterTheDeviceTakesIn32BitPartsIsWrittenInTheSpecsOrder() async throws {
        let simulation = Simulation()
        simulation.bus.register(BoltStoreDriver.self, personalities: BoltStore.personalities)
        let device = simulation.makeDevice(BoltStore.layout, model: BoltStoreModel())
        let driver = try await simulation.bus.attach(device).driver(as: BoltStoreDriver.self)
        simulation.trace.clear()
        await driver.setHostTime(0x1122_3344_5566_7788)
        #expect(
            simulation.trace.kinds.filter(\.isDeviceAccess) == [
                .memoryWrite(bar: 0, offset: 0x54, width: 32, value: 0x1122_3344),  // high-first: the low write commits
                .memoryWrite(bar: 0, offset: 0x50, width: 32, value: 0x5566_7788),
            ])
        #expect(device.value(of: "hostTime") == 0x1122_3344_5566_7788)
        simulation.trace.clear()
        #expect(await driver.run { $0.registers.hostTime.read().value } == 0x1122_3344_5566_7788)
        #expect(
            simulation.trace.kinds.filter(\.isDeviceAccess) == [
                .memoryRead(bar: 0, offset: 0x54, width: 32, value: 0x1122_3344),
                .memoryRead(bar: 0, offset: 0x50, width: 32, value: 0x5566_7788),
            ])
        #expect(await driver.provider!.memoryRead64(memoryIndex: 0, offset: 0x50) == .max, "no 64-bit access there")
    }

    @Test func e1000esRingBaseGoesOutAsTwo32BitWritesLowFirst() async throws {
        let simulation = Simulation()
        simulation.bus.register(E1000eDriver.self, personalities: E1000e.personalities)
        let device = simulation.makeDevice(E1000e.layout, model: E1000eModel())
        let driver = try await simulation.bus.attach(device).driver(as: E1000eDriver.self)
        simulation.trace.clear()
        try await driver.transmit([UInt8](repeating: 0xFF, count: 60))
        let base = device.value(of: "transmitDescriptorBase")
        let writes = simulation.trace.kinds.compactMap { kind -> [Int]? in
            if case let .memoryWrite(0, offset, width, _) = kind, (0x3800...0x3807).contains(offset) { [offset, width] } else { nil }
        }
        #expect(writes == [[0x3800, 32], [0x3804, 32]])
        #expect(simulation.trace.kinds.contains(.memoryWrite(bar: 0, offset: 0x3800, width: 32, value: base & 0xFFFF_FFFF)))
        #expect(simulation.hostMemory.liveSegments.contains { $0.address == base }, "the ring is where the driver put it")
        await simulation.drain()
        #expect(await driver.transmittedFrames == 1)
    }
}

@Suite struct ActionBitEndToEndTests {
    @Test func acknowledgingOneQueueLeavesTheOthersPending() async throws {
        let simulation = Simulation()
        simulation.bus.register(BoltStoreDriver.self, personalities: BoltStore.personalities)
        let device = simulation.makeDevice(BoltStore.layout, model: BoltStoreModel())
        let driver = try await simulation.bus.attach(device).driver(as: BoltStoreDriver.self)
        device.setValue(0b1011, of: "queueInterruptStatus")
        await driver.acknowledgeQueue(1)
        #expect(device.value(of: "queueInterruptStatus") == 0b1001)
        #expect(simulation.trace.memoryWrites(bar: 0, offset: 0x24) == [0b0010])
    }
}
