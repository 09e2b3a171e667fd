import DriverRuntime
import DriverSimulator
import Locking
import Testing

/// The clock, the trace and the provider's rules.
@Suite struct SimulationBasicsTests {
    @Test func theClockRunsWorkInDeadlineOrder() {
        let clock = SimulationClock()
        let order = Locked<[String]>([])
        clock.schedule(after: .milliseconds(2)) { order.withLock { $0.append("b") } }
        clock.schedule(after: .milliseconds(1)) {
            order.withLock { $0.append("a") }
            clock.schedule(after: .microseconds(500)) { order.withLock { $0.append("a+") } }
        }
        clock.schedule(after: .milliseconds(5)) { order.withLock { $0.append("late") } }
        clock.advance(by: .milliseconds(3))
        #expect(order.withLock { $0 } == ["a", "a+", "b"])
        #expect(clock.now == DriverInstant.start.advanced(by: .milliseconds(3)))
        #expect(clock.pendingWork == 1)
    }

    @Test func theTraceReadsWell() throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        simulation.clock.advance(by: .microseconds(1500))
        provider.memoryWrite32(0x5A, memoryIndex: 0, offset: 0)
        _ = provider.memoryRead32(memoryIndex: 0, offset: 0)
        let lines = simulation.trace.dump().split(separator: "\n").suffix(2)
        #expect(
            Array(lines) == [
                "[  0.001500s] bar0    write32 [0x00000] <- 0x0000005a",
                "[  0.001500s] bar0    read32 [0x00000] -> 0x0000005a",
            ])
        #expect(simulation.trace.memoryWrites(bar: 0, offset: 0) == [0x5A])
    }

    @Test func accessesWithoutASessionOrAfterStopAreViolations() throws {
        let simulation = Simulation()
        let device = simulation.makeDevice(Fixtures.accessKindLayout)
        let provider = SimulatedPCIProvider(device: device)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0) == 0xFFFF_FFFF)
        #expect(simulation.trace.violations == ["memory read at index 0 + 0x0 without an open session"])
        let client = Fixtures.Client()
        try provider.open(for: client)
        #expect(throws: PCIError.exclusiveAccess) { try provider.open(for: Fixtures.Client()) }
        provider.close(for: client)
        #expect(device.command & 0x6 == 0, "close clears memory space and bus master")
    }

    @Test func aRemovedDeviceReadsAllOnesAndDropsWrites() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        device.surpriseRemove()
        #expect(provider.configurationRead32(at: 0) == 0xFFFF_FFFF)
        #expect(provider.memoryRead64(memoryIndex: 0, offset: 0x88) == .max)
        provider.memoryWrite32(0x42, memoryIndex: 0, offset: 0)
        #expect(device.value(of: "rw") == 0)
        #expect(simulation.trace.count { if case .absent = $0 { true } else { false } } == 3)
    }

    @Test func effectsSetAndClearTheirTargetAndRaiseItsSources() throws {
        let layout = DeviceLayout(
            name: "Effects",
            pci: .init(vendor: 0x1234, devices: [0x2], revision: 0, classCode: 0, subsystemVendor: 0, subsystem: 0),
            tunnelCompatible: true, pauseCompatible: false, isStorage: false,
            bars: [
                .init(
                    index: 0, name: "regs", is64Bit: false, prefetchable: false, size: 0x100,
                    registers: [
                        RegisterLayout(
                            name: "status", offset: 0x0, width: 32, accessWidths: [32], resetValue: 0,
                            fields: [FieldLayout(name: "done", mask: 0x1, access: .ro)]),
                        RegisterLayout(
                            name: "raise", offset: 0x4, width: 32, accessWidths: [32], resetValue: 0,
                            fields: [FieldLayout(name: "done", mask: 0x1, access: .wo)], effect: .init(kind: .sets, target: "status")),
                        RegisterLayout(
                            name: "ack", offset: 0x8, width: 32, accessWidths: [32], resetValue: 0,
                            fields: [FieldLayout(name: "done", mask: 0x1, access: .wo)], effect: .init(kind: .clears, target: "status")),
                    ])
            ],
            configRegisters: [],
            interrupts: .init(
                kind: .msi, vectors: 1, perVectorMasking: false, addresses64Bit: true, msixTable: nil, msixPBA: nil,
                sources: [.init(name: "done", vector: 0, status: .init(register: "status", mask: 0x1), acknowledge: nil, enable: nil)]),
            capabilityOffset: 0x40)
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation, layout)
        try provider.configureInterrupts(.msi, required: 1, requested: 1)
        provider.memoryWrite32(0x3, memoryIndex: 0, offset: 0x4)
        #expect(device.value(of: "status") == 0x3, "written bits are set, reserved ones too")
        #expect(simulation.trace.kinds.last == .interrupt(vector: 0))
        provider.memoryWrite32(0x1, memoryIndex: 0, offset: 0x8)
        #expect(device.value(of: "status") == 0x2)
    }
}

/// One driver per device, and one session per device, as IOKit gives them.
@Suite struct ExclusiveDeviceTests {
    final class Client {}

    @Test func aSecondAttachOfTheSameDeviceIsRefusedAndTheFirstDriverKeepsRunning() async throws {
        let simulation = Simulation()
        simulation.bus.register(FixtureDriver.self, personalities: FixtureDriver.personalities)
        let device = simulation.makeDevice(Fixtures.accessKindLayout)
        let first = try await simulation.bus.attach(device)
        await #expect(throws: SimulationError.deviceAlreadyAttached(driver: "FixtureDriver")) {
            try await simulation.bus.attach(device)
        }
        #expect(
            "\(SimulationError.deviceAlreadyAttached(driver: "FixtureDriver"))"
                == "the device already has a driver (FixtureDriver); detach it first: IOKit gives a device one driver at a time")
        #expect(device.command & 0x6 == 0x6, "the refused attach did not touch the command register")
        #expect(!first.isStopped)
        await simulation.bus.detach(first)
        #expect(try await simulation.bus.attach(device).driver is FixtureDriver, "after detaching, the device can be attached again")
        #expect(simulation.trace.violations.isEmpty)
    }

    @Test func aSecondSessionOnTheDeviceFailsLikeAnExclusiveOpen() throws {
        let simulation = Simulation()
        let device = simulation.makeDevice(Fixtures.accessKindLayout)
        let one = SimulatedPCIProvider(device: device), other = SimulatedPCIProvider(device: device)
        let first = Client(), second = Client()
        try one.open(for: first)
        #expect(device.hasOpenSession)
        #expect(throws: PCIError.exclusiveAccess) { try other.open(for: second) }
        #expect(throws: PCIError.exclusiveAccess) { try one.open(for: second) }
        one.close(for: first)
        try other.open(for: second)
        #expect(device.hasOpenSession)
    }
}

/// A driver written against the runtime alone, without a generated base: it opens the device
/// and maps nothing, enough to be attached.
actor FixtureDriver: PCIDriver {
    static let personalities = [
        Personality(
            name: "FixtureDriver",
            properties: [
                PersonalityKey.pciPrimaryMatch: .string("0x00011234"), PersonalityKey.tunnelCompatible: .bool(true),
            ])
    ]

    nonisolated let queue = DriverQueue(label: "FixtureDriver")
    let service = DriverService()

    init() {}

    func start(provider: any PCIDeviceProvider) async throws(PCIError) {
        try service.begin(provider: provider, client: self)
        do {
            try service.openDevice()
        } catch {
            service.tearDown()
            service.end()
            throw error
        }
        registerService()
    }

    func stop(provider: any PCIDeviceProvider) async {
        service.tearDown()
        service.end()
    }
}

/// Aliases: several addresses of one piece of state, each with its own access.
@Suite struct AliasRegisterTests {
    static let layout = DeviceLayout(
        name: "Aliases",
        pci: .init(vendor: 0x1234, devices: [0x0002], revision: 1, classCode: 0, subsystemVendor: 0, subsystem: 0),
        tunnelCompatible: true, pauseCompatible: false, isStorage: false,
        bars: [
            .init(
                index: 0, name: "regs", is64Bit: false, prefetchable: false, size: 0x100,
                registers: [
                    RegisterLayout(
                        name: "mask", offset: 0x00, width: 32, accessWidths: [32], resetValue: 0x0F,
                        fields: [FieldLayout(name: "vectors", mask: 0xFF, access: .w1s)]),
                    RegisterLayout(
                        name: "maskClear", offset: 0x04, width: 32, accessWidths: [32], resetValue: 0x0F,
                        fields: [FieldLayout(name: "vectors", mask: 0xFF, access: .w1c)], aliasOf: "mask"),
                    RegisterLayout(
                        name: "maskClearWriteOnly", offset: 0x08, width: 32, accessWidths: [32], resetValue: 0x0F,
                        fields: [FieldLayout(name: "vectors", mask: 0xFF, access: .w1c)], aliasOf: "mask", isWriteOnly: true),
                    RegisterLayout(
                        name: "cause", offset: 0x10, width: 32, accessWidths: [32], resetValue: 0,
                        fields: [FieldLayout(name: "link", mask: 0x1, access: .w1c)]),
                    RegisterLayout(
                        name: "causeSet", offset: 0x14, width: 32, accessWidths: [32], resetValue: 0,
                        fields: [FieldLayout(name: "link", mask: 0x1, access: .w1s)], aliasOf: "cause", isWriteOnly: true),
                ])
        ],
        configRegisters: [],
        interrupts: .init(
            kind: .msi, vectors: 1, perVectorMasking: false, addresses64Bit: true, msixTable: nil, msixPBA: nil,
            sources: [.init(name: "link", vector: 0, status: .init(register: "cause", mask: 0x1), acknowledge: nil, enable: nil)]),
        capabilityOffset: 0x40)

    @Test func theAddressesShareOneStorageEachWithItsOwnAccess() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation, Self.layout)
        provider.memoryWrite32(0x30, memoryIndex: 0, offset: 0x00)
        #expect(device.value(of: "mask") == 0x3F, "write 1 to set")
        provider.memoryWrite32(0x05, memoryIndex: 0, offset: 0x04)
        #expect(device.value(of: "mask") == 0x3A, "write 1 to clear, on the same state")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x04) == 0x3A, "the alias reads the same value")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x08) == 0xFFFF_FFFF, "a write-only alias reads all ones")
        provider.memoryWrite32(0x02, memoryIndex: 0, offset: 0x08)
        #expect(device.value(of: "mask") == 0x38)
        device.setValue(0xFF, of: "maskClear")
        #expect(device.value(of: "mask") == 0xFF, "the back door cannot put the addresses out of step")
        #expect(device.value(of: "maskClearWriteOnly") == 0xFF)
    }

    @Test func settingAStatusBitThroughAnAliasRaisesItsSource() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation, Self.layout)
        try provider.configureInterrupts(.msi, required: 1, requested: 1)
        provider.memoryWrite32(0x1, memoryIndex: 0, offset: 0x14)
        #expect(device.value(of: "cause") == 0x1)
        #expect(simulation.trace.kinds.contains(.interrupt(vector: 0)))
        provider.memoryWrite32(0x1, memoryIndex: 0, offset: 0x10)
        #expect(device.value(of: "cause") == 0)
    }
}
