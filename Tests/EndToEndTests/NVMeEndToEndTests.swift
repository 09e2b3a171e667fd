import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated NVMe driver against `NVMeModel` (QEMU's nvme): queues of generated entry types,
/// completions awaited in virtual time, blocks written and read through the I/O queue pair.
@Suite struct NVMeEndToEndTests {
    struct Setup {
        let simulation = Simulation()
        let model: NVMeModel
        let device: SimulatedPCIDevice
        let attachment: DriverAttachment
        var driver: NVMeDriver { attachment.driver(as: NVMeDriver.self) }

        init(model: NVMeModel = NVMeModel(serial: "SIM-1234")) async throws {
            self.model = model
            simulation.bus.register(NVMeDriver.self, personalities: NVMe.personalities)
            device = simulation.makeDevice(NVMe.layout, model: model)
            attachment = try await simulation.bus.attach(device)
        }

        /// A 4 KiB buffer the controller may read and write.
        func buffer() async throws -> DMABuffer {
            try await driver.allocateDMABuffer(length: 4096, direction: .bidirectional)
        }
    }

    static let pattern = (0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }

    @Test func startsTheControllerAsExternalStorage() async throws {
        let setup = try await Setup()
        #expect(await setup.driver.isRegistered)
        #expect(await setup.driver.properties[ServiceProperty.physicalInterconnectLocation] == .string("External"))
        #expect(setup.device.value(of: "status") & 0x1 == 0x1, "CSTS.RDY")
        #expect(setup.device.value(of: "configuration") & 0x00FF_0001 == 0x0046_0001, "enabled with 64-byte and 16-byte entries")
        #expect(setup.device.value(of: "adminQueueAttributes") == 0x001F_001F, "32-entry admin queues, 0's based")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func identifiesTheControllerAndTheNamespace() async throws {
        let setup = try await Setup()
        let controller = try await setup.driver.identifyController()
        #expect(controller.modelNumber == "QEMU NVMe Ctrl")
        #expect(controller.serialNumber == "SIM-1234")
        #expect(controller.firmwareRevision == "1.0")
        #expect(controller.vendorID == 0x1B36)
        #expect(controller.submissionEntrySizeRequired == 6 && controller.completionEntrySizeRequired == 4)
        #expect(controller.numberOfNamespaces == 1)
        let namespace = try await setup.driver.identifyNamespace()
        #expect(namespace.namespaceSize == 2048)
        #expect(namespace[lbaFormats: 0].dataSize == 9)
        #expect(await setup.driver.blockSize == 512)
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 0) } == 2, "each admin completion came on MSI-X vector 0")
    }

    @Test func writesAndReadsBackBlocksThroughTheIOQueuePair() async throws {
        let setup = try await Setup()
        _ = try await setup.driver.identifyNamespace()
        try await setup.driver.createIOQueuePair()
        let outgoing = try await setup.buffer(), incoming = try await setup.buffer()
        outgoing.copyBytes(from: Self.pattern)
        try await setup.driver.write(lba: 8, blocks: 8, from: outgoing)
        try await setup.driver.flush()
        try await setup.driver.read(lba: 8, blocks: 8, into: incoming)
        #expect(incoming.bytes() == Self.pattern)
        #expect(setup.model.storage(at: 8 * 512, count: 4096) == Self.pattern, "the namespace holds the pattern at LBA 8")
        #expect(setup.model.storage(at: 0, count: 8 * 512).allSatisfy { $0 == 0 }, "and nothing before it")
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 1) } == 3, "each I/O completion came on MSI-X vector 1")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func aTransferAcrossAPageBoundaryUsesBothDataPointers() async throws {
        let setup = try await Setup()
        _ = try await setup.driver.identifyNamespace()
        try await setup.driver.createIOQueuePair()
        let memory = try await setup.driver.allocateDMABuffer(length: 8192, direction: .bidirectional)
        memory.copyBytes(from: Self.pattern, at: 2048)
        try await setup.driver.write(lba: 100, blocks: 8, from: memory, offset: 2048)  // bytes 2048...6143: two pages
        #expect(setup.model.storage(at: 100 * 512, count: 4096) == Self.pattern)
        #expect(throws: PCIError.driverFailed("12288 bytes from 0x\(String(memory.deviceAddress + 512, radix: 16)) span more than two pages; this driver builds no PRP lists")) {
            _ = try NVMeDriver.dataPointers(memory.deviceAddress + 512, length: 12288)
        }
    }

    @Test func moreCommandsThanQueueEntriesWrapAndFlipThePhase() async throws {
        let setup = try await Setup()
        try await setup.driver.createIOQueuePair(entries: 4)
        for _ in 0..<10 { try await setup.driver.flush() }  // 10 completions on a 4-entry queue: two wraps
        #expect(await setup.driver.completedCommands == 12, "2 queue creations and 10 flushes")
        #expect(setup.simulation.trace.violations.isEmpty)
    }

    @Test func aFailedCommandThrowsItsStatus() async throws {
        let setup = try await Setup()
        try await setup.driver.createIOQueuePair()
        let memory = try await setup.buffer()
        await #expect(throws: PCIError.driverFailed("Read of LBA 4096 failed: status code type generic, status code 0x2")) {
            try await setup.driver.read(lba: 4096, blocks: 1, into: memory)
        }
    }

    @Test func aCommandThatNeverCompletesEndsInTheTimeoutError() async throws {
        let setup = try await Setup(model: NVMeModel(commandDuration: .seconds(60)))
        await #expect(throws: PCIError.timedOut("completion of 1", after: NVMeDriver.commandTimeout)) {
            _ = try await setup.driver.identifyController()
        }
        #expect(setup.simulation.clock.now == DriverInstant.start.advanced(by: NVMeDriver.commandTimeout), "in virtual time")
    }

    @Test func stopShutsTheControllerDownInOrder() async throws {
        let setup = try await Setup()
        try await setup.driver.createIOQueuePair()
        await setup.simulation.bus.detach(setup.attachment)
        #expect(setup.device.value(of: "configuration") >> 14 & 0x3 == 1, "CC.SHN: normal shutdown")
        #expect(setup.device.value(of: "status") >> 2 & 0x3 == 2, "CSTS.SHST: shutdown complete")
        #expect(setup.model.completedCommands == 4, "the I/O queue pair was created, then deleted")
        #expect(setup.simulation.hostMemory.liveSegments.isEmpty, "every queue and buffer was released")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func shutDownWaitsForTheShutdownStatus() async throws {
        let setup = try await Setup()
        #expect(await !setup.driver.isShutDown)
        try await setup.driver.shutDown()
        #expect(setup.device.value(of: "status") >> 2 & 0x3 == 2)
        #expect(await setup.driver.isShutDown)
    }

    @Test func eachQueueCompletesOnItsOwnVector() async throws {
        let setup = try await Setup()
        _ = try await setup.driver.identifyController()
        try await setup.driver.createIOQueuePair()
        let admin = await setup.driver.completionInterrupts[0]
        try await setup.driver.flush()
        #expect(await setup.driver.completionInterrupts == [admin, 1], "the flush completed on vector 1 only")
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 1) } == 1)
    }

    @Test func surpriseRemovalFailsWhatIsAwaitedAndStops() async throws {
        let setup = try await Setup(model: NVMeModel(commandDuration: .seconds(1)))
        setup.simulation.clock.advancesWhileDriversWait = false
        let driver = setup.driver
        let identify = Task { try await driver.identifyController() }
        for _ in 0..<100_000 where setup.simulation.clock.waitsInProgress == 0 { await Task.yield() }
        await setup.simulation.bus.surpriseRemove(setup.attachment)
        await #expect(throws: PCIError.noDevice) { _ = try await identify.value }
        #expect(setup.attachment.isStopped)
    }
}
