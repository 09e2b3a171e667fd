import DriverSpec

/// What every generated file of one device is rendered from.
struct DeviceViewModel {
    let header: String
    let namespace: String
    let docLines: [String]
    let registers: [RegisterViewModel]
    let blocks: [BlockViewModel]
    let layout: LayoutViewModel

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        docLines = DocComment.lines(spec.description, then: ["Generated from `\(specFileName)`."])
        var registers: [RegisterViewModel] = []
        let aliased = Set(spec.allRegisters.compactMap(\.aliasOf))
        // Aliases share their target's value type. A value finds its fields' names in the layout.
        for (index, register) in spec.configRegisters.enumerated() where register.aliasOf == nil {
            registers.append(RegisterViewModel(
                register, location: "config \(SwiftLiteral.hex(register.offset))",
                layoutReference: (namespace: namespace, register: index, bar: "nil"), separator: !registers.isEmpty,
                hasAliases: aliased.contains(register.name)))
        }
        for (position, bar) in spec.bars.enumerated() {
            for (index, register) in bar.registers.enumerated() where register.aliasOf == nil {
                registers.append(RegisterViewModel(
                    register, location: "BAR \(bar.index) + \(SwiftLiteral.hex(register.offset))",
                    layoutReference: (namespace: namespace, register: index, bar: "\(position)"), separator: !registers.isEmpty,
                    hasAliases: aliased.contains(register.name)))
            }
        }
        self.registers = registers
        var blocks: [BlockViewModel] = []
        if !spec.configRegisters.isEmpty {
            blocks.append(BlockViewModel(configRegisters: spec.configRegisters, separator: false))
        }
        for bar in spec.bars {
            blocks.append(BlockViewModel(bar: bar, separator: !blocks.isEmpty))
        }
        self.blocks = blocks
        layout = LayoutViewModel(spec)
    }
}
