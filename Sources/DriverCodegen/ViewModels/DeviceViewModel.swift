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
                blocks.append(BlockViewModel(bar: bar, separator: !blocks.isEmpty))
            }
            return blocks
        }
        layout = Deferred { LayoutViewModel(spec) }
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
        // Equal enumerations share the type of the first register, in spec order, that has one.
        var sharedEnums: [EnumShape: String] = [:]
        for (position, entry) in entries.enumerated() where ownerOf[position] == nil {
            let rawType = "Swift.UInt\(entry.register.width)"
            for field in entry.register.fields where !field.enumeration.isEmpty {
                let shape = EnumShape(field, rawType: rawType)
                if sharedEnums[shape] == nil {
                    sharedEnums[shape] = RegisterViewModel.enumTypePath(namespace: namespace, register: entry.register, field: field)
                }
            }
        }
        // Each register's view model depends on nothing built here: build them on every core.
        let shared = sharedEnums, sharerLists = sharers, built = entries, ownerPositions = ownerOf
        return ConcurrentMap.run(built.count) { position in
            let entry = built[position]
            if let owner = ownerPositions[position] {
                return RegisterViewModel(entry.register, location: entry.location, sharingTypeOf: built[owner].register, separator: position > 0)
            }
            return RegisterViewModel(
                entry.register, location: entry.location,
                layoutReference: (namespace: namespace, register: entry.index, bar: entry.bar), separator: position > 0,
                hasAliases: aliased.contains(entry.register.name), sharers: sharerLists[position] ?? [], sharedEnums: shared)
        }
    }
}
