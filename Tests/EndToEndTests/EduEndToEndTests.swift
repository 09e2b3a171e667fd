import DeviceModels
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated edu driver, with its handlers filled in, against a simulated QEMU edu.
@Suite struct EduEndToEndTests {
    struct Setup {
        let simulation = Simulation()
        let model: QEMUEduModel
        let device: SimulatedPCIDevice
        let attachment: DriverAttachment
        var driver: EduDriver { attachment.driver(as: EduDriver.self) }

        init(model: QEMUEduModel = QEMUEduModel()) async throws {
            self.model = model
            simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
            device = simulation.makeDevice(Edu.layout, model: model)
            attachment = try await simulation.bus.attach(device, tunnelled: true)
        }
    }

    @Test func attachesThroughMatchingAndStarts() async throws {
        let setup = try await Setup()
        #expect(setup.attachment.personality.name == "EduDriver")
        #expect(await setup.driver.isRegistered)
        #expect(setup.device.command & 0x6 == 0x6, "memory space and bus master on")
        #expect(setup.device.interruptsEnabled)
        #expect(setup.simulation.trace.violations.isEmpty)
        #expect(await setup.driver.isAlive())
        #expect(await setup.driver.version().map { [$0.major, $0.minor] } == [1, 0])
    }

    @Test func awaitsAFactorialInVirtualTime() async throws {
        let setup = try await Setup(model: QEMUEduModel(factorialDuration: .seconds(60)))
        let result = try await setup.driver.factorial(of: 12, timeout: .seconds(90))
        #expect(result == 479_001_600)
        #expect(setup.simulation.clock.now == .start.advanced(by: .seconds(60)), "the interrupt came at 60 virtual seconds")
        #expect(await setup.driver.factorials == [479_001_600])
        #expect(setup.device.value(of: "interruptStatus") == 0, "the handler acknowledged it")
        #expect(setup.simulation.trace.violations.isEmpty)
    }

    @Test func anAwaitedCompletionThatNeverComesEndsInTheTimeoutError() async throws {
        let setup = try await Setup(model: QEMUEduModel(factorialDuration: .seconds(60)))
        await #expect(throws: PCIError.timedOut("completion of factorial", after: .milliseconds(500))) {
            try await setup.driver.factorial(of: 5, timeout: .milliseconds(500))
        }
        #expect(setup.simulation.clock.now == .start.advanced(by: .milliseconds(500)), "exactly the timeout, in virtual time")
        // The device finishes later; the interrupt finds nobody waiting and is only recorded.
        await setup.simulation.advance(by: .seconds(60))
        #expect(await setup.driver.factorials == [120])
    }

    @Test func awaitsSeveralFactorialsInARow() async throws {
        let setup = try await Setup()
        var results: [UInt32] = []
        for n: UInt32 in [0, 1, 5, 10] { results.append(try await setup.driver.factorial(of: n, timeout: .milliseconds(100))) }
        #expect(results == [1, 1, 120, 3_628_800])
    }

    @Test func computesTenFactorialAndReceivesTheMSI() async throws {
        let setup = try await Setup()
        await setup.driver.computeFactorial(10)
        #expect(setup.device.value(of: "status") & 0x1 == 0x1, "computing while the work is pending")
        await setup.simulation.advance(by: .microseconds(5))
        #expect(await setup.driver.factorials.isEmpty, "not done before the device finishes")
        await setup.simulation.advance(by: .microseconds(10))
        #expect(await setup.driver.factorials == [3_628_800])
        // The handler acknowledged the interrupt: interrupt status is clear again.
        #expect(setup.device.value(of: "interruptStatus") == 0)
        let trace = setup.simulation.trace
        #expect(
            trace.occursInOrder([
                { $0 == .memoryWrite(bar: 0, offset: 0x08, width: 32, value: 10) },
                { $0 == .interrupt(vector: 0) },
                { $0 == .memoryRead(bar: 0, offset: 0x24, width: 32, value: 0x1) },
                { $0 == .memoryRead(bar: 0, offset: 0x08, width: 32, value: 3_628_800) },
                { $0 == .memoryWrite(bar: 0, offset: 0x64, width: 32, value: 0x1) },
            ]), "\(trace.dump())")
    }

    @Test func writesWhileComputingAreIgnored() async throws {
        let setup = try await Setup()
        await setup.driver.computeFactorial(5)
        await setup.driver.run { driver in driver.mmio.factorial.write { $0.value = 7 } }
        await setup.simulation.advance(by: .milliseconds(1))
        #expect(await setup.driver.factorials == [120])
    }

    @Test func awaitsDMABothWaysThroughDMABuffers() async throws {
        let setup = try await Setup()
        let pattern = (0..<64).map { UInt8($0 * 3 & 0xFF) }
        let outgoing = try await setup.driver.makeDMABuffer(length: 4096, direction: .toDevice)
        let incoming = try await setup.driver.makeDMABuffer(length: 4096, direction: .fromDevice)
        #expect(outgoing.deviceAddress + 4096 <= 1 << 28 && incoming.deviceAddress + 4096 <= 1 << 28, "below edu's 28-bit DMA limit")
        outgoing.copyBytes(from: pattern, at: 8)
        try await setup.driver.copyToDevice(from: outgoing, offset: 8, count: 64, deviceOffset: 16)
        #expect(setup.simulation.clock.now == .start.advanced(by: .milliseconds(100)), "DMA takes 100 ms")
        #expect(Array(setup.model.dmaBuffer[16..<80]) == pattern)
        try await setup.driver.copyFromDevice(into: incoming, offset: 100, count: 64, deviceOffset: 16)
        #expect(incoming.bytes(at: 100, count: 64) == pattern)
        #expect(await setup.driver.completedTransfers == 2)
        #expect(setup.device.value(of: "interruptStatus") == 0)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        #expect(setup.simulation.trace.count { if case .dma = $0 { true } else { false } } == 2)
    }

    @Test func aTransferSeenStepByStep() async throws {
        let setup = try await Setup()
        let outgoing = try await setup.driver.makeDMABuffer(length: 4096, direction: .toDevice)
        await setup.driver.beginCopyToDevice(from: outgoing, count: 64)
        await setup.simulation.advance(by: .milliseconds(99))
        #expect(await setup.driver.completedTransfers == 0, "DMA takes 100 ms")
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0x1, "run stays set while the transfer runs")
        await setup.simulation.advance(by: .milliseconds(1))
        #expect(await setup.driver.completedTransfers == 1)
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0, "run clears itself")
    }

    @Test func deviceDMAIntoAReleasedBufferIsAFault() async throws {
        let setup = try await Setup()
        let buffer = try await setup.driver.makeDMABuffer(length: 256, direction: .fromDevice)
        await setup.driver.beginCopyFromDevice(into: buffer, count: 64)
        buffer.release()  // a driver bug: the device still owns the buffer
        await setup.simulation.advance(by: .milliseconds(100))
        let faults = setup.simulation.trace.filter { if case .dmaFault = $0 { true } else { false } }
        #expect(faults.count == 1)
        #expect(
            setup.simulation.trace.violations == [
                "DMA fault: device write to 0x\(String(buffer.segments[0].address, radix: 16))+64 in a buffer that was released"
            ])
    }

    @Test func deviceDMAAgainstTheBufferDirectionIsAFault() async throws {
        let setup = try await Setup()
        let buffer = try await setup.driver.makeDMABuffer(length: 256, direction: .toDevice)
        await setup.driver.beginCopyFromDevice(into: buffer, count: 16)
        await setup.simulation.advance(by: .milliseconds(100))
        #expect(setup.simulation.trace.violations.count == 1)
        #expect(setup.simulation.trace.violations.first?.contains("a buffer the device may only read (toDevice)") == true)
        #expect(buffer.bytes(count: 16) == [UInt8](repeating: 0, count: 16), "nothing was written")
    }

    @Test func aBufferBeyondTheAddressLimitIsRefusedWithAReason() async throws {
        let setup = try await Setup()
        await #expect(throws: PCIError.dmaUnavailable("no room for 536870912 bytes below the device's 28-bit address limit")) {
            _ = try await setup.driver.makeDMABuffer(length: 512 << 20, direction: .toDevice)
        }
    }

    @Test func aTransferThatNeverCompletesTripsTheWatchdogTimer() async throws {
        let setup = try await Setup()
        let buffer = try await setup.driver.makeDMABuffer(length: 64, direction: .toDevice)
        await setup.driver.beginCopyToDevice(from: buffer, count: 64)
        // The device loses the transfer: clear its run bit behind the driver's back.
        setup.device.setValue(0, of: "dmaCommand")
        await setup.simulation.advance(by: .seconds(1))
        #expect(await setup.driver.timedOutTransfers == 0)
        await setup.simulation.advance(by: .seconds(1))
        #expect(await setup.driver.timedOutTransfers == 1, "the watchdog fired once, at 2 s")
        await setup.simulation.advance(by: .seconds(10))
        #expect(await setup.driver.timedOutTransfers == 1)
    }

    @Test func anAwaitedTransferThatNeverCompletesTimesOut() async throws {
        let setup = try await Setup(model: QEMUEduModel(dmaDuration: .seconds(30)))
        let buffer = try await setup.driver.makeDMABuffer(length: 64, direction: .toDevice)
        await #expect(throws: PCIError.timedOut("completion of transfer", after: EduDriver.transferTimeout)) {
            try await setup.driver.copyToDevice(from: buffer, count: 64)
        }
        #expect(await setup.driver.timedOutTransfers == 1)
    }

    @Test func aCompletedTransferDisarmsTheWatchdog() async throws {
        let setup = try await Setup()
        let buffer = try await setup.driver.makeDMABuffer(length: 64, direction: .toDevice)
        await setup.driver.beginCopyToDevice(from: buffer, count: 64)
        await setup.simulation.advance(by: .seconds(5))
        #expect(await setup.driver.completedTransfers == 1)
        #expect(await setup.driver.timedOutTransfers == 0)
    }

    @Test func pollingForTheComputingBitTakesVirtualTimeOnly() async throws {
        let setup = try await Setup(model: QEMUEduModel(factorialDuration: .seconds(60)))
        let result = try await setup.driver.polledFactorial(of: 12, timeout: .seconds(90))
        #expect(result == 479_001_600)
        let now = setup.simulation.clock.now
        #expect(now >= .start.advanced(by: .seconds(60)) && now < .start.advanced(by: .milliseconds(60_002)), "stopped soon after the device finished: \(now)")
        #expect(setup.simulation.trace.violations.isEmpty)
    }

    @Test func pollingGivesUpAtTheTimeout() async throws {
        let setup = try await Setup(model: QEMUEduModel(factorialDuration: .seconds(60)))
        await #expect(throws: PCIError.timedOut("edu to compute 5!", after: .milliseconds(30))) {
            _ = try await setup.driver.polledFactorial(of: 5, timeout: .milliseconds(30))
        }
        #expect(setup.simulation.clock.now == .start.advanced(by: .milliseconds(30)), "exactly the timeout, in virtual time")
    }

    /// The values QEMU 7.2's edu answers (the QEMU tier checks the same ones on the real device).
    @Test func wrongWidthsAndOffsetsReadWhatQEMUsEduAnswers() async throws {
        let setup = try await Setup()
        let provider = try #require(await setup.driver.provider)
        #expect(provider.memoryRead16(memoryIndex: 0, offset: 0x00) == 0, "below 4 bytes QEMU's memory core refuses: 0")
        #expect(provider.memoryRead8(memoryIndex: 0, offset: 0x24) == 0)
        #expect(provider.memoryRead64(memoryIndex: 0, offset: 0x00) == .max, "below 0x80 edu answers only 32-bit reads")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x0C) == 0xFFFF_FFFF, "unmapped")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x60) == 0xFFFF_FFFF, "write-only")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x00) == 0x0100_00ED)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x01) == 0x0001_0000, "misaligned: two aligned reads combined")
        provider.memoryWrite64(0x1234, memoryIndex: 0, offset: 0x80)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x80) == 0x1234, "from 0x80, 32-bit accesses too")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x84) == 0xFFFF_FFFF, "but only at the register's start")
        #expect(setup.simulation.trace.count { if case .invalidRead = $0 { true } else { false } } == 3, "0x84 is answered by the model, as edu does")
    }

    @Test func theRaiseRegisterInterruptsAndTheAcknowledgeClears() async throws {
        let setup = try await Setup()
        await setup.driver.run { driver in driver.mmio.interruptRaise.write { $0.dma = true } }
        await setup.simulation.drain()
        #expect(await setup.driver.completedTransfers == 1, "the DMA handler ran for the raised 0x100")
        #expect(setup.device.value(of: "interruptStatus") == 0)
    }

    @Test func stopsCleanly() async throws {
        let setup = try await Setup()
        await setup.driver.computeFactorial(3)
        await setup.simulation.advance(by: .milliseconds(1))
        await setup.simulation.bus.detach(setup.attachment)
        #expect(setup.attachment.isStopped)
        #expect(setup.device.command & 0x6 == 0, "memory space and bus master off")
        #expect(!setup.device.interruptsEnabled || setup.device.command & 0x4 == 0)
        #expect(setup.simulation.trace.count { if case .driverStopped = $0 { true } else { false } } == 1)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        // The device keeps working; nothing reaches the stopped driver.
        setup.device.raise("factorial")
        await setup.attachment.drain()
        #expect(await setup.driver.factorials == [6])
    }

    @Test func stoppingFailsWhatIsAwaited() async throws {
        let setup = try await Setup(model: QEMUEduModel(factorialDuration: .seconds(60)))
        setup.simulation.clock.advancesWhileDriversWait = false  // hold the driver in its wait
        let driver = setup.driver
        let awaiting = Task { try await driver.factorial(of: 9, timeout: .seconds(120)) }
        for _ in 0..<100_000 where setup.simulation.clock.waitsInProgress == 0 { await Task.yield() }
        #expect(setup.simulation.clock.waitsInProgress == 1)
        await setup.simulation.bus.detach(setup.attachment)
        await #expect(throws: PCIError.noDevice) { try await awaiting.value }
        #expect(setup.simulation.clock.waitsInProgress == 0)
        #expect(setup.simulation.clock.now == .start, "no time passed")
    }

    @Test func surpriseRemovalInTheMiddleOfAFactorial() async throws {
        let setup = try await Setup()
        await setup.driver.computeFactorial(12)
        await setup.simulation.bus.surpriseRemove(setup.attachment)
        await setup.simulation.advance(by: .milliseconds(1))  // the computation finishes on a gone device
        #expect(setup.attachment.isStopped)
        #expect(setup.simulation.trace.count { if case .driverStopped = $0 { true } else { false } } == 1, "stop runs once")
        #expect(await setup.driver.factorials.isEmpty)
        #expect(await setup.driver.provider == nil)
        setup.device.storm(vector: 0, count: 10)
        await setup.attachment.drain()
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 0) } == 0, "a removed device sends nothing")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func surpriseRemovalSeenByAnInterruptHandler() async throws {
        let setup = try await Setup()
        // An interrupt is queued for the handler, then the device disappears before it runs.
        let driver = setup.driver
        let gate = DispatchSemaphoreBox()
        driver.queue.async { gate.wait() }
        setup.device.raise("factorial")
        setup.device.surpriseRemove()
        gate.signal()
        await setup.attachment.drain()
        #expect(await driver.isDeviceGone, "the status read returned all ones")
        #expect(await driver.factorials.isEmpty)
        await setup.simulation.bus.surpriseRemove(setup.attachment)
        #expect(setup.attachment.isStopped)
    }

    @Test func anInterruptStormIsCoalesced() async throws {
        let setup = try await Setup()
        let driver = setup.driver
        let gate = DispatchSemaphoreBox()
        driver.queue.async { gate.wait() }  // keep the queue busy while the storm arrives
        setup.device.withContext { context in
            context.setValue(0x1, of: "interruptStatus")
            for _ in 0..<1000 { context.signal(vector: 0) }
        }
        gate.signal()
        await setup.attachment.drain()
        let source = await driver.interruptSources[0]
        #expect(source.deliveries == 1, "1000 interrupts before the handler ran are one call")
        #expect(await driver.factorials.count == 1)
    }

    @Test func aPersonalityWithoutTunnelSupportDoesNotMatchOverThunderbolt() async {
        let simulation = Simulation()
        var properties = Edu.personalities[0].properties
        properties["IOPCITunnelCompatible"] = nil
        simulation.bus.register(EduDriver.self, personalities: [Personality(name: "EduDriver", properties: properties)])
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
        await #expect(
            throws: SimulationError.noMatchingDriver(reasons: [
                "EduDriver: device is tunnelled over Thunderbolt and the personality needs \"IOPCITunnelCompatible\" key"
            ])
        ) {
            try await simulation.bus.attach(device, tunnelled: true)
        }
    }

    @Test func pausingADriverThatIsNotPauseCompatibleStopsIt() async throws {
        let setup = try await Setup()
        await setup.simulation.bus.pause(setup.attachment)
        #expect(setup.attachment.isStopped)
        #expect(setup.simulation.trace.violations.isEmpty)
    }
}
