import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Testing

/// The generated edu driver, with its handlers filled in, against a simulated QEMU edu.
@Suite struct EduEndToEndTests {
    struct Setup {
        let simulation = Simulation()
        let model = QEMUEduModel()
        let device: SimulatedPCIDevice
        let attachment: DriverAttachment
        var driver: EduDriver { attachment.driver(as: EduDriver.self) }

        init() throws {
            simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
            device = simulation.makeDevice(Edu.layout, model: model)
            attachment = try simulation.bus.attach(device, tunnelled: true)
        }

        func onQueue<T>(_ body: (EduDriver) throws -> T) rethrows -> T {
            let driver = self.driver
            return try driver.queue.sync { try body(driver) }
        }
    }

    @Test func attachesThroughMatchingAndStarts() throws {
        let setup = try Setup()
        #expect(setup.attachment.personality.name == "EduDriver")
        #expect(setup.driver.isRegistered)
        #expect(setup.device.command & 0x6 == 0x6, "memory space and bus master on")
        #expect(setup.device.interruptsEnabled)
        #expect(setup.simulation.trace.violations.isEmpty)
        #expect(setup.onQueue { $0.isAlive() })
        #expect(setup.onQueue { $0.version() }.map { [$0.major, $0.minor] } == [1, 0])
    }

    @Test func computesTenFactorialAndReceivesTheMSI() throws {
        let setup = try Setup()
        setup.onQueue { $0.computeFactorial(10) }
        #expect(setup.device.value(of: "status") & 0x1 == 0x1, "computing while the work is pending")
        setup.simulation.advance(by: .microseconds(5))
        #expect(setup.onQueue { $0.factorials }.isEmpty, "not done before the device finishes")
        setup.simulation.advance(by: .microseconds(10))
        #expect(setup.onQueue { $0.factorials } == [3_628_800])
        // The handler acknowledged the interrupt: interrupt status is clear again.
        #expect(setup.device.value(of: "interruptStatus") == 0)
        let trace = setup.simulation.trace
        #expect(trace.occursInOrder([
            { $0 == .memoryWrite(bar: 0, offset: 0x08, width: 32, value: 10) },
            { $0 == .interrupt(vector: 0) },
            { $0 == .memoryRead(bar: 0, offset: 0x24, width: 32, value: 0x1) },
            { $0 == .memoryRead(bar: 0, offset: 0x08, width: 32, value: 3_628_800) },
            { $0 == .memoryWrite(bar: 0, offset: 0x64, width: 32, value: 0x1) },
        ]), "\(trace.dump())")
    }

    @Test func writesWhileComputingAreIgnored() throws {
        let setup = try Setup()
        setup.onQueue { $0.computeFactorial(5) }
        setup.onQueue { driver in driver.mmio.factorial.write { $0.value = 7 } }
        setup.simulation.advance(by: .milliseconds(1))
        #expect(setup.onQueue { $0.factorials } == [120])
    }

    @Test func runsDMABothWaysThroughDMABuffers() throws {
        let setup = try Setup()
        let pattern = (0..<64).map { UInt8($0 * 3 & 0xFF) }
        let (outgoing, incoming) = try setup.onQueue { driver in
            (try driver.makeDMABuffer(length: 4096, direction: .toDevice), try driver.makeDMABuffer(length: 4096, direction: .fromDevice))
        }
        #expect(outgoing.deviceAddress + 4096 <= 1 << 28 && incoming.deviceAddress + 4096 <= 1 << 28, "below edu's 28-bit DMA limit")
        outgoing.copyBytes(from: pattern, at: 8)
        setup.onQueue { $0.copyToDevice(from: outgoing, offset: 8, count: 64, deviceOffset: 16) }
        setup.simulation.advance(by: .milliseconds(99))
        #expect(setup.onQueue { $0.completedTransfers } == 0, "DMA takes 100 ms")
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0x1, "run stays set while the transfer runs")
        setup.simulation.advance(by: .milliseconds(1))
        #expect(setup.onQueue { $0.completedTransfers } == 1)
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0, "run clears itself")
        #expect(Array(setup.model.dmaBuffer[16..<80]) == pattern)

        setup.onQueue { $0.copyFromDevice(into: incoming, offset: 100, count: 64, deviceOffset: 16) }
        setup.simulation.advance(by: .milliseconds(100))
        #expect(setup.onQueue { $0.completedTransfers } == 2)
        #expect(incoming.bytes(at: 100, count: 64) == pattern)
        #expect(setup.device.value(of: "interruptStatus") == 0)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        #expect(setup.simulation.trace.count { if case .dma = $0 { true } else { false } } == 2)
    }

    @Test func deviceDMAIntoAReleasedBufferIsAFault() throws {
        let setup = try Setup()
        let buffer = try setup.onQueue { driver in try driver.makeDMABuffer(length: 256, direction: .fromDevice) }
        setup.onQueue { $0.copyFromDevice(into: buffer, count: 64) }
        buffer.release()  // a driver bug: the device still owns the buffer
        setup.simulation.advance(by: .milliseconds(100))
        let faults = setup.simulation.trace.filter { if case .dmaFault = $0 { true } else { false } }
        #expect(faults.count == 1)
        #expect(setup.simulation.trace.violations == [
            "DMA fault: device write to 0x\(String(buffer.segments[0].address, radix: 16))+64 in a buffer that was released",
        ])
    }

    @Test func deviceDMAAgainstTheBufferDirectionIsAFault() throws {
        let setup = try Setup()
        let buffer = try setup.onQueue { driver in try driver.makeDMABuffer(length: 256, direction: .toDevice) }
        setup.onQueue { $0.copyFromDevice(into: buffer, count: 16) }
        setup.simulation.advance(by: .milliseconds(100))
        #expect(setup.simulation.trace.violations.count == 1)
        #expect(setup.simulation.trace.violations.first?.contains("a buffer the device may only read (toDevice)") == true)
        #expect(buffer.bytes(count: 16) == [UInt8](repeating: 0, count: 16), "nothing was written")
    }

    @Test func aBufferBeyondTheAddressLimitIsRefusedWithAReason() throws {
        let setup = try Setup()
        #expect(throws: PCIError.dmaUnavailable("no room for 536870912 bytes below the device's 28-bit address limit")) {
            try setup.onQueue { driver in _ = try driver.makeDMABuffer(length: 512 << 20, direction: .toDevice) }
        }
    }

    @Test func aTransferThatNeverCompletesTripsTheWatchdogTimer() throws {
        let setup = try Setup()
        let buffer = try setup.onQueue { driver in try driver.makeDMABuffer(length: 64, direction: .toDevice) }
        setup.onQueue { $0.copyToDevice(from: buffer, count: 64) }
        // The device loses the transfer: clear its run bit behind the driver's back.
        setup.device.setValue(0, of: "dmaCommand")
        setup.simulation.advance(by: .seconds(1))
        #expect(setup.onQueue { $0.timedOutTransfers } == 0)
        setup.simulation.advance(by: .seconds(1))
        #expect(setup.onQueue { $0.timedOutTransfers } == 1, "the watchdog fired once, at 2 s")
        setup.simulation.advance(by: .seconds(10))
        #expect(setup.onQueue { $0.timedOutTransfers } == 1)
    }

    @Test func aCompletedTransferDisarmsTheWatchdog() throws {
        let setup = try Setup()
        let buffer = try setup.onQueue { driver in try driver.makeDMABuffer(length: 64, direction: .toDevice) }
        setup.onQueue { $0.copyToDevice(from: buffer, count: 64) }
        setup.simulation.advance(by: .seconds(5))
        #expect(setup.onQueue { $0.completedTransfers } == 1)
        #expect(setup.onQueue { $0.timedOutTransfers } == 0)
    }

    @Test func waitingForTheComputingBitTakesVirtualTimeOnly() throws {
        let simulation = Simulation()
        simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel(factorialDuration: .seconds(10)))
        let driver = try simulation.bus.attach(device).driver(as: EduDriver.self)
        let realStart = ContinuousClock.now
        let result = try driver.queue.sync { try driver.factorial(of: 12, timeout: .seconds(30)) }
        let realElapsed = ContinuousClock.now - realStart
        #expect(result == 479_001_600)
        #expect(simulation.clock.now >= 10_000_000_000, "ten virtual seconds passed")
        #expect(simulation.clock.now < 12_000_000_000, "and the wait stopped soon after the device finished")
        #expect(realElapsed < .seconds(2), "no real sleeping: \(realElapsed)")
        #expect(simulation.trace.violations.isEmpty)
    }

    @Test func waitingGivesUpAtTheTimeout() throws {
        let simulation = Simulation()
        simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel(factorialDuration: .seconds(60)))
        let driver = try simulation.bus.attach(device).driver(as: EduDriver.self)
        #expect(throws: PCIError.timedOut("edu to compute 5!", after: .seconds(3))) {
            try driver.queue.sync { _ = try driver.factorial(of: 5, timeout: .seconds(3)) }
        }
        #expect(simulation.clock.now == 3_000_000_000, "exactly the timeout, in virtual time")
    }

    @Test func advancingTheSimulationFromTheDriversQueueWorks() throws {
        let setup = try Setup()
        setup.onQueue { driver in
            driver.computeFactorial(4)
            setup.simulation.advance(by: .milliseconds(1))  // does not wait for this queue
        }
        setup.simulation.drain()
        #expect(setup.onQueue { $0.factorials } == [24])
        #expect(setup.simulation.trace.violations.isEmpty)
    }

    @Test func drainingFromTheDriversQueueSaysWhatToCallInstead() throws {
        let setup = try Setup()
        setup.onQueue { _ in setup.attachment.drain() }
        #expect(setup.simulation.trace.violations.count == 1)
        #expect(setup.simulation.trace.violations.first?.contains("use sleep(for:) or wait(for:timeout:until:)") == true)
    }

    /// The values QEMU 7.2's edu answers (the QEMU tier checks the same ones on the real device).
    @Test func wrongWidthsAndOffsetsReadWhatQEMUsEduAnswers() throws {
        let setup = try Setup()
        setup.onQueue { driver in
            let provider = driver.provider!
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
        }
        #expect(setup.simulation.trace.count { if case .invalidRead = $0 { true } else { false } } == 3, "0x84 is answered by the model, as edu does")
    }

    @Test func theRaiseRegisterInterruptsAndTheAcknowledgeClears() throws {
        let setup = try Setup()
        setup.onQueue { driver in driver.mmio.interruptRaise.write { $0.dma = true } }
        setup.simulation.drain()
        #expect(setup.onQueue { $0.completedTransfers } == 1, "the DMA handler ran for the raised 0x100")
        #expect(setup.device.value(of: "interruptStatus") == 0)
    }

    @Test func stopsCleanly() throws {
        let setup = try Setup()
        setup.onQueue { $0.computeFactorial(3) }
        setup.simulation.advance(by: .milliseconds(1))
        setup.simulation.bus.detach(setup.attachment)
        #expect(setup.attachment.isStopped)
        #expect(setup.device.command & 0x6 == 0, "memory space and bus master off")
        #expect(!setup.device.interruptsEnabled || setup.device.command & 0x4 == 0)
        #expect(setup.simulation.trace.count { if case .driverStopped = $0 { true } else { false } } == 1)
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
        // The device keeps working; nothing reaches the stopped driver.
        setup.device.raise("factorial")
        setup.simulation.drain()
        #expect(setup.onQueue { $0.factorials } == [6])
    }

    @Test func surpriseRemovalInTheMiddleOfAFactorial() throws {
        let setup = try Setup()
        setup.onQueue { $0.computeFactorial(12) }
        setup.simulation.bus.surpriseRemove(setup.attachment)
        setup.simulation.advance(by: .milliseconds(1))  // the computation finishes on a gone device
        setup.attachment.drain()
        #expect(setup.attachment.isStopped)
        #expect(setup.simulation.trace.count { if case .driverStopped = $0 { true } else { false } } == 1, "stop runs once")
        #expect(setup.onQueue { $0.factorials }.isEmpty)
        #expect(setup.onQueue { $0.provider } == nil)
        // Reads after removal returned all ones; the driver reports the device gone if it looked.
        setup.device.storm(vector: 0, count: 10)
        setup.simulation.drain()
        #expect(setup.simulation.trace.count { $0 == .interrupt(vector: 0) } == 0, "a removed device sends nothing")
        #expect(setup.simulation.trace.violations.isEmpty, "\(setup.simulation.trace.violations)")
    }

    @Test func surpriseRemovalSeenByAnInterruptHandler() throws {
        let setup = try Setup()
        // An interrupt is queued for the handler, then the device disappears before it runs.
        let driver = setup.driver
        let gate = DispatchSemaphoreBox()
        driver.queue.async { gate.wait() }
        setup.device.raise("factorial")
        setup.device.surpriseRemove()
        gate.signal()
        setup.attachment.drain()
        #expect(driver.queue.sync { driver.isDeviceGone }, "the status read returned all ones")
        #expect(driver.queue.sync { driver.factorials }.isEmpty)
        setup.simulation.bus.surpriseRemove(setup.attachment)
        setup.attachment.drain()
        #expect(setup.attachment.isStopped)
    }

    @Test func anInterruptStormIsCoalesced() throws {
        let setup = try Setup()
        let driver = setup.driver
        let gate = DispatchSemaphoreBox()
        driver.queue.async { gate.wait() }  // keep the queue busy while the storm arrives
        setup.device.withContext { context in
            context.setValue(0x1, of: "interruptStatus")
            for _ in 0..<1000 { context.signal(vector: 0) }
        }
        gate.signal()
        setup.attachment.drain()
        let source = driver.queue.sync { driver.interruptSources[0] }
        #expect(source.deliveries == 1, "1000 interrupts before the handler ran are one call")
        #expect(driver.queue.sync { driver.factorials.count } == 1)
    }

    @Test func aPersonalityWithoutTunnelSupportDoesNotMatchOverThunderbolt() {
        let simulation = Simulation()
        var properties = Edu.personalities[0].properties
        properties["IOPCITunnelCompatible"] = nil
        simulation.bus.register(EduDriver.self, personalities: [Personality(name: "EduDriver", properties: properties)])
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
        #expect(throws: SimulationError.noMatchingDriver(reasons: [
            "EduDriver: device is tunnelled over Thunderbolt and the personality needs \"IOPCITunnelCompatible\" key",
        ])) {
            try simulation.bus.attach(device, tunnelled: true)
        }
    }

    @Test func pausingADriverThatIsNotPauseCompatibleStopsIt() throws {
        let setup = try Setup()
        setup.simulation.bus.pause(setup.attachment)
        #expect(setup.attachment.isStopped)
        #expect(setup.simulation.trace.violations.isEmpty)
    }
}
