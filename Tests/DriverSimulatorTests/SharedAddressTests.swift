import DriverRuntime
import DriverSimulator
import Testing

/// Registers that share an address: a read-only and a write-only one (a FIFO's two ends), and
/// an alias at its target's own address (as SVD's alternate registers and peripherals that
/// share a base become).
@Suite struct SharedAddressTests {
    static func layout(_ registers: [RegisterLayout]) -> DeviceLayout {
        let kinds = Fixtures.accessKindLayout
        return DeviceLayout(
            name: "Shared", pci: kinds.pci, tunnelCompatible: true, pauseCompatible: false, isStorage: false,
            bars: [.init(index: 0, name: "regs", is64Bit: false, prefetchable: false, size: 0x100, registers: registers)],
            configRegisters: [], interrupts: nil, capabilityOffset: 0x40)
    }

    static let receive = RegisterLayout(
        name: "rxFifo", offset: 0x18, width: 32, accessWidths: [32], resetValue: 0x11,
        fields: [FieldLayout(name: "data", mask: 0xFFFF_FFFF, access: .ro)])
    static let transmit = RegisterLayout(
        name: "txFifo", offset: 0x18, width: 32, accessWidths: [32], resetValue: 0,
        fields: [FieldLayout(name: "data", mask: 0xFFFF_FFFF, access: .wo)])

    @Test(arguments: [true, false])
    func readsGoToTheReadOnlyRegisterAndWritesToTheWriteOnlyOne(readOnlyFirst: Bool) throws {
        let simulation = Simulation()
        let registers = readOnlyFirst ? [Self.receive, Self.transmit] : [Self.transmit, Self.receive]
        let (device, provider, _) = try Fixtures.openProvider(simulation, Self.layout(registers))
        provider.memoryWrite32(0x5A, memoryIndex: 0, offset: 0x18)
        #expect(device.value(of: "txFifo") == 0x5A, "the write reached the write-only register")
        #expect(device.value(of: "rxFifo") == 0x11, "and left the read-only one alone")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x18) == 0x11, "the read answers with the read-only register")
        #expect(!simulation.trace.kinds.contains { if case .invalidWrite = $0 { true } else { false } })
    }

    @Test func anAliasAtItsTargetsAddressShowsTheSameStateUnderTheTargetsRules() throws {
        let simulation = Simulation()
        let control = RegisterLayout(
            name: "control", offset: 0x10, width: 32, accessWidths: [32], resetValue: 0x3,
            fields: [FieldLayout(name: "mode", mask: 0xFF, access: .rw)])
        let view = RegisterLayout(
            name: "controlView", offset: 0x10, width: 32, accessWidths: [32], resetValue: 0x3,
            fields: [FieldLayout(name: "mode", mask: 0xFF, access: .ro)], aliasOf: "control")
        let (device, provider, _) = try Fixtures.openProvider(simulation, Self.layout([control, view]))
        provider.memoryWrite32(0x42, memoryIndex: 0, offset: 0x10)
        #expect(device.value(of: "control") == 0x42)
        #expect(device.value(of: "controlView") == 0x42, "one state")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x10) == 0x42)
    }
}
