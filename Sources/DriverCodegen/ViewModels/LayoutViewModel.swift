import DriverSpec

/// The device's static metadata (`DeviceLayout`) as Swift literals.
struct LayoutViewModel {
    struct Bar {
        let index: Int
        let name: String
        let is64Bit: Bool
        let prefetchable: Bool
        let size: String
        /// The registers as table lines (`DriverRuntime.RegisterLayout.table(_:)`).
        let table: [String]
        let tableProperty: String
    }

    struct Source {
        let name: String
        let vector: Int
        let status: String
        let acknowledge: String
        let enable: String
    }

    struct Interrupts {
        let kind: String
        let vectors: Int
        let perVectorMasking: Bool
        let addresses64Bit: Bool
        let msixTable: String
        let msixPBA: String
        let sources: [Source]
    }

    let name: String
    let vendor: String
    let devices: String
    let revision: String
    let classCode: String
    let subsystemVendor: String
    let subsystem: String
    let tunnelCompatible: Bool
    let pauseCompatible: Bool
    let isStorage: Bool
    let bars: [Bar]
    let configTable: [String]
    let hasConfigRegisters: Bool
    let interrupts: Interrupts?
    let capabilityOffset: String

    init(_ spec: DeviceSpec) {
        name = SwiftLiteral.string(spec.name)
        vendor = SwiftLiteral.hex(UInt64(spec.pci.vendor))
        devices = "[" + spec.pci.devices.map { SwiftLiteral.hex(UInt64($0)) }.joined(separator: ", ") + "]"
        revision = SwiftLiteral.hex(UInt64(spec.pci.revision ?? 0))
        classCode = SwiftLiteral.hex(UInt64(spec.pci.classCode ?? 0))
        subsystemVendor = SwiftLiteral.hex(UInt64(spec.pci.subsystemVendor ?? 0))
        subsystem = SwiftLiteral.hex(UInt64(spec.pci.subsystem ?? 0))
        tunnelCompatible = spec.thunderbolt.tunnelCompatible
        pauseCompatible = spec.thunderbolt.pauseCompatible
        isStorage = spec.isStorage
        bars = spec.bars.map { bar in
            Bar(
                index: bar.index, name: SwiftLiteral.string(bar.name), is64Bit: bar.kind == .mem64,
                prefetchable: bar.prefetchable, size: SwiftLiteral.hex(bar.size),
                table: RegisterTableText.lines(bar.registers), tableProperty: "bar\(bar.index)RegisterTable")
        }
        configTable = RegisterTableText.lines(spec.configRegisters)
        hasConfigRegisters = !spec.configRegisters.isEmpty
        interrupts = spec.interrupts.map { Self.interrupts($0, spec: spec) }
        capabilityOffset = SwiftLiteral.hex(ConfigSpaceLayout.capabilityOffset(for: spec.configRegisters) ?? 0)
    }

    private static func interrupts(_ interrupts: InterruptConfiguration, spec: DeviceSpec) -> Interrupts {
        func bits(_ reference: FieldReference?) -> String {
            guard let reference, let register = spec.register(named: reference.register) else { return "nil" }
            let mask = reference.field.flatMap { register.field(named: $0)?.bits.mask } ?? register.widthMask
            return ".init(register: \(SwiftLiteral.string(register.name)), mask: \(SwiftLiteral.hex(mask)))"
        }
        func location(_ structure: MSIXStructureLocation?) -> String {
            structure.map { "(bar: \($0.bar), offset: \(SwiftLiteral.hex($0.offset)))" } ?? "nil"
        }
        return Interrupts(
            kind: interrupts.kind.rawValue, vectors: interrupts.vectors, perVectorMasking: interrupts.perVectorMasking,
            addresses64Bit: interrupts.addresses64Bit, msixTable: location(interrupts.msixTable),
            msixPBA: location(MSIXLayout.pba(of: interrupts)),
            sources: interrupts.sources.map { source in
                Source(
                    name: SwiftLiteral.string(source.name), vector: source.vector, status: bits(source.status),
                    acknowledge: bits(source.acknowledge), enable: bits(source.enable))
            })
    }
}
