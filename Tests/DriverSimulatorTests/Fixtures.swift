import DriverRuntime
import DriverSimulator

/// Hand-built layouts for simulator tests: one 8-bit register per access kind, and a small
/// MSI device with per-vector masking.
enum Fixtures {
    static let kinds: [(kind: FieldAccess, reset: UInt64)] = [
        (.rw, 0x00), (.ro, 0x11), (.wo, 0x00), (.w1c, 0xFF), (.w1s, 0x00), (.w1t, 0x0F), (.w0c, 0xFF),
        (.w0s, 0x00), (.w0t, 0x0F), (.wc, 0xAA), (.ws, 0x00), (.rc, 0x33), (.rs, 0x00), (.w1, 0x00), (.rw1, 0x00),
        (.rcW1c, 0xC3),
    ]

    /// Register `i` sits at offset 4 * i and holds one 8-bit field of kind `kinds[i]`.
    static func offset(of kind: FieldAccess) -> Int { kinds.firstIndex { $0.kind == kind }! * 4 }

    static let accessKindLayout = DeviceLayout(
        name: "Kinds",
        pci: .init(vendor: 0x1234, devices: [0x0001], revision: 1, classCode: 0x00_FF_00, subsystemVendor: 0x1234, subsystem: 0x9),
        tunnelCompatible: true, pauseCompatible: false, isStorage: false,
        bars: [
            .init(
                index: 0, name: "regs", is64Bit: false, prefetchable: false, size: 0x100,
                registers:
                    kinds.enumerated().map { index, entry in
                        RegisterLayout(
                            name: entry.kind.rawValue, offset: index * 4, width: 32, accessWidths: [32],
                            resetValue: entry.reset, fields: [FieldLayout(name: "bits", mask: 0xFF, access: entry.kind)])
                    } + [
                        RegisterLayout(
                            name: "mixed", offset: 0x80, width: 32, accessWidths: [8, 32], resetValue: 0x0000_0F00,
                            fields: [FieldLayout(name: "low", mask: 0xFF, access: .rw)]),
                        RegisterLayout(
                            name: "wide", offset: 0x88, width: 64, accessWidths: [32, 64], resetValue: 0,
                            fields: [FieldLayout(name: "value", mask: .max, access: .rw)]),
                        RegisterLayout(
                            name: "partial", offset: 0xA0, width: 32, accessWidths: [8, 16, 32], resetValue: 0x00FF_FFFF,
                            fields: [
                                FieldLayout(name: "low", mask: 0xFF, access: .w1c), FieldLayout(name: "high", mask: 0xFF00, access: .w1c),
                                FieldLayout(name: "counter", mask: 0xFF_0000, access: .rc),
                            ]),
                        RegisterLayout(
                            name: "raise", offset: 0xA4, width: 32, accessWidths: [8, 32], resetValue: 0,
                            fields: [FieldLayout(name: "value", mask: 0xFFFF_FFFF, access: .wo)], effect: .init(kind: .sets, target: "partial")),
                        RegisterLayout(
                            name: "split", offset: 0xB0, width: 64, accessWidths: [32], resetValue: 0,
                            fields: [FieldLayout(name: "value", mask: .max, access: .rw)]),
                    ]),
            .init(index: 2, name: "big", is64Bit: true, prefetchable: true, size: 0x1_0000_0000, registers: []),
        ],
        configRegisters: [
            RegisterLayout(
                name: "tuning", offset: 0x80, width: 16, accessWidths: [16], resetValue: 0x00F0,
                fields: [FieldLayout(name: "level", mask: 0x00FF, access: .rw)])
        ],
        interrupts: .init(
            kind: .msi, vectors: 4, perVectorMasking: true, addresses64Bit: true, msixTable: nil, msixPBA: nil,
            sources: [
                .init(name: "first", vector: 0, status: nil, acknowledge: nil, enable: nil),
                .init(name: "second", vector: 1, status: nil, acknowledge: nil, enable: nil),
            ]),
        capabilityOffset: 0x40)

    /// A provider for `layout` with an open session, as a driver would hold.
    static func openProvider(
        _ simulation: Simulation, _ layout: DeviceLayout = accessKindLayout, model: (any DeviceModel)? = nil
    )
        throws(PCIError) -> (SimulatedPCIDevice, SimulatedPCIProvider, AnyObject)
    {
        let device = simulation.makeDevice(layout, model: model)
        let provider = SimulatedPCIProvider(device: device)
        let client = Client()
        try provider.open(for: client)
        provider.configurationWrite16(0x6, at: PCIConfiguration.command)
        return (device, provider, client)
    }

    final class Client {}
}
