import DriverSpec

/// What every generated file of one device is rendered from.
struct DeviceViewModel {
    let header: String
    let namespace: String
    let docLines: [String]
    /// The register files render these; the generator builds them while the blocks and device
    /// files render on another core.
    let registers: Deferred<[RegisterViewModel]>
    /// Only the blocks and device files render these: they are built as those files render.
    let blocks: Deferred<[BlockViewModel]>
    let layout: Deferred<LayoutViewModel>
    /// A microcontroller's peripherals and interrupt lines; nil for a PCI device.
    let microcontroller: MicrocontrollerViewModel?

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        docLines = DocComment.lines(spec.description, then: ["Generated from `\(specFileName)`."])
        let namespace = namespace
        registers = Deferred { Self.registers(of: spec, namespace: namespace) }
        blocks = Deferred {
            var blocks: [BlockViewModel] = []
            if !spec.configRegisters.isEmpty {
                blocks.append(BlockViewModel(configRegisters: spec.configRegisters, separator: false))
            }
            for bar in spec.bars {
                blocks.append(
                    spec.isMicrocontroller
                        ? BlockViewModel(peripheral: bar, separator: !blocks.isEmpty) : BlockViewModel(bar: bar, separator: !blocks.isEmpty))
            }
            return blocks
        }
        layout = Deferred { LayoutViewModel(spec) }
        microcontroller = spec.isMicrocontroller ? MicrocontrollerViewModel(spec, specFileName: specFileName) : nil
    }

    /// A view model for every register that is not an alias, in spec order: config space first.
    private static func registers(of spec: DeviceSpec, namespace: String) -> [RegisterViewModel] {
        let aliased = Set(spec.allRegisters.compactMap(\.aliasOf))
        // Aliases share their target's value type; so do registers of equal shape, the later ones
        // through a typealias. A value finds its fields' names in the layout.
        var entries: [(register: RegisterSpec, location: String, index: Int, bar: String)] = []
        for (index, register) in spec.configRegisters.enumerated() where register.aliasOf == nil {
            entries.append((register, "config \(SwiftLiteral.hex(register.offset))", index, "nil"))
        }
        for (position, bar) in spec.bars.enumerated() {
            for (index, register) in bar.registers.enumerated() where register.aliasOf == nil {
                entries.append((register, "BAR \(bar.index) + \(SwiftLiteral.hex(register.offset))", index, "\(position)"))
            }
        }
        var owners: [RegisterShape: Int] = [:]
        var ownerOf: [Int?] = []
        var sharers: [Int: [RegisterSpec]] = [:]
        for (position, entry) in entries.enumerated() {
            let shape = RegisterShape(entry.register, hasAliases: aliased.contains(entry.register.name))
            if let owner = owners[shape] {
                ownerOf.append(owner)
                sharers[owner, default: []].append(entry.register)
            } else {
                owners[shape] = position
                ownerOf.append(nil)
            }
        }
        var sharedEnums: [EnumShape: String] = [:]
        var registers: [RegisterViewModel] = []
        registers.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            if let owner = ownerOf[position] {
                registers.append(
                    RegisterViewModel(
                        entry.register, location: entry.location, sharingTypeOf: entries[owner].register, separator: !registers.isEmpty))
            } else {
                registers.append(
                    RegisterViewModel(
                        entry.register, location: entry.location,
                        layoutReference: (namespace: namespace, register: entry.index, bar: entry.bar), separator: !registers.isEmpty,
                        hasAliases: aliased.contains(entry.register.name), sharers: sharers[position] ?? [], sharedEnums: &sharedEnums))
            }
        }
        return registers
    }
}
