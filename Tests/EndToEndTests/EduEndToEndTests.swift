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

        func onQueue<T>(_ body: (EduDriver) -> T) -> T {
            let driver = self.driver
            return driver.queue.sync { body(driver) }
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

    @Test func runsDMABothWaysWithTheInterrupt() throws {
        let setup = try Setup()
        let ram: UInt64 = 0x0100_0000  // below 2^28: edu masks DMA addresses to 28 bits
        setup.simulation.hostMemory.map(Array(0..<64).map(UInt8.init), at: ram)
        setup.simulation.hostMemory.map([UInt8](repeating: 0, count: 64), at: ram + 0x1000)
        let buffer = QEMUEduModel.dmaBufferAddress
        setup.onQueue { $0.startTransfer(from: ram, to: buffer + 16, count: 64, direction: .toDevice) }
        setup.simulation.advance(by: .milliseconds(99))
        #expect(setup.onQueue { $0.completedTransfers } == 0, "DMA takes 100 ms")
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0x1, "run stays set while the transfer runs")
        setup.simulation.advance(by: .milliseconds(1))
        #expect(setup.onQueue { $0.completedTransfers } == 1)
        #expect(setup.device.value(of: "dmaCommand") & 0x1 == 0, "run clears itself")
        #expect(Array(setup.model.dmaBuffer[16..<80]) == Array(0..<64).map(UInt8.init))

        setup.onQueue { $0.startTransfer(from: buffer + 16, to: ram + 0x1000, count: 64, direction: .fromDevice) }
        setup.simulation.advance(by: .milliseconds(100))
        #expect(setup.onQueue { $0.completedTransfers } == 2)
        #expect(setup.simulation.hostMemory.read(ram + 0x1000, count: 64) == Array(0..<64).map(UInt8.init))
        #expect(setup.device.value(of: "interruptStatus") == 0)
    }

    @Test func wrongWidthsAndUnmappedOffsetsReadAllOnes() throws {
        let setup = try Setup()
        setup.onQueue { driver in
            let provider = driver.provider!
            #expect(provider.memoryRead16(memoryIndex: 0, offset: 0x00) == 0xFFFF, "below 0x80 only 32-bit accesses")
            #expect(provider.memoryRead64(memoryIndex: 0, offset: 0x00) == .max)
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x0C) == 0xFFFF_FFFF, "unmapped")
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x60) == 0xFFFF_FFFF, "write-only")
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x00) == 0x0100_00ED)
            provider.memoryWrite64(0x1234, memoryIndex: 0, offset: 0x80)
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x80) == 0x1234, "from 0x80, 32-bit accesses too")
            #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x84) == 0xFFFF_FFFF, "but only at the register's start")
        }
        #expect(setup.simulation.trace.count { if case .invalidRead = $0 { true } else { false } } == 5)
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
