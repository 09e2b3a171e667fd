import DriverSpec

/// The device's static metadata (`DeviceLayout`) as Swift literals.
struct LayoutViewModel {
    struct Register {
        let name: String
        let offset: String
        let width: Int
        let count: Int
        let stride: String
        let accessWidths: String
        let resetValue: String
        let fields: [Field]
        let effect: String
        /// `, aliasOf: "target"` (and `isWriteOnly`) for an alias; empty otherwise.
        let alias: String
    }

    struct Field {
        let name: String
        let mask: String
        let access: String
    }

    struct Bar {
        let index: Int
        let name: String
        let is64Bit: Bool
        let prefetchable: Bool
        let size: String
        let registers: [Register]
        let registersProperty: String
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
    let configRegisters: [Register]
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
                registers: Self.registers(bar.registers), registersProperty: "bar\(bar.index)RegisterLayouts")
        }
        configRegisters = Self.registers(spec.configRegisters)
        hasConfigRegisters = !spec.configRegisters.isEmpty
        interrupts = spec.interrupts.map { Self.interrupts($0, spec: spec) }
        capabilityOffset = SwiftLiteral.hex(ConfigSpaceLayout.capabilityOffset(for: spec.configRegisters) ?? 0)
    }

    private static func registers(_ registers: [RegisterSpec]) -> [Register] {
        registers.map { register in
            Register(
                name: SwiftLiteral.string(register.name), offset: SwiftLiteral.hex(register.offset), width: register.width,
                count: register.array?.count ?? 1, stride: SwiftLiteral.hex(register.array?.stride ?? register.byteWidth),
                accessWidths: "[" + register.accessWidths.map(String.init).joined(separator: ", ") + "]",
                resetValue: SwiftLiteral.hex(register.reset),
                fields: register.fields.map { field in
                    Field(name: SwiftLiteral.string(field.name), mask: SwiftLiteral.hex(field.bits.mask), access: "\(field.access)")
                },
                effect: register.effect.map { ".init(kind: .\($0.kind.rawValue), target: \(SwiftLiteral.string($0.target)))" } ?? "nil",
                alias: register.aliasOf.map { ", aliasOf: \(SwiftLiteral.string($0))" + (register.isWriteOnly ? ", isWriteOnly: true" : "") } ?? "")
        }
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
