/// Turns a located YAML tree into the device model, reporting every type, range and key error.
///
/// Decoding is best effort: an element with a broken required value is left out of the
/// model and its name is remembered in `brokenNames`, so validation can go on checking
/// the rest without reporting consequences of an error already reported.
final class SpecDecoder {
    let sink: DiagnosticSink
    /// Names of registers (`reg`) and fields (`reg.field`) that failed to decode.
    var brokenNames: Set<String> = []
    var values: ValueReader { ValueReader(sink: sink) }

    init(sink: DiagnosticSink) {
        self.sink = sink
    }

    func decodeDevice(_ root: YAMLNode) -> DeviceSpec? {
        guard let map = MappingReader(root, as: .device, sink: sink) else { return nil }
        // 'pci' or 'bars' make a PCI spec; otherwise 'peripherals' or 'microcontroller' a microcontroller's.
        let isPCI = map.has("pci") || map.has("bars")
        if !isPCI && (map.has("peripherals") || map.has("microcontroller")) { return decodeMicrocontroller(map) }
        for key in ["microcontroller", "peripherals"] where map.has(key) {
            sink.error(
                map.sourceMap[key], "'\(key)' describes a microcontroller; this is a PCI device spec (it has '\(map.has("pci") ? "pci" : "bars")')",
                hint: "remove it, or describe the chip in a spec of its own, with 'peripherals' instead of 'pci', 'driver' and 'bars'")
        }
        for key in ["pci", "driver", "bars"] where !map.has(key) {
            sink.error(
                map.location, "\(SpecObject.device.phrase(named: map.string("name")?.value)) is missing '\(key)'",
                hint: key == "pci" ? "a microcontroller spec has 'peripherals' instead of 'pci', 'driver' and 'bars'" : nil)
        }
        let name = map.string("name")
        let pci = map["pci"].flatMap(decodePCI)
        let thunderbolt =
            map["thunderbolt"].flatMap(decodeThunderbolt)
            ?? ThunderboltSupport(tunnelCompatible: false, pauseCompatible: false, source: SourceMap(element: root.location))
        let storage = map.bool("storage")
        let driver = map["driver"].flatMap { decodeDriver($0, deviceName: name?.value) }
        let interrupts = map["interrupts"].flatMap(decodeInterrupts)
        let config = resolveAliases((map.list("config") ?? []).compactMap { decodeRegister($0) })
        let bars = (map.list("bars") ?? []).compactMap(decodeBar)
        let structures = (map.list("structures") ?? []).compactMap(decodeStructure)
        let rings = (map.list("rings") ?? []).compactMap(decodeRing)
        if let list = map.list("bars"), list.isEmpty {
            sink.error(map.sourceMap["bars"], "the device has no BARs", hint: "describe at least one memory BAR")
        }
        guard let name, let pci, let driver else { return nil }
        return DeviceSpec(
            name: name.value, description: map.string("description")?.value, pci: pci, thunderbolt: thunderbolt,
            isStorage: storage?.value ?? false, driver: driver, interrupts: interrupts,
            configRegisters: config, bars: bars, structures: structures, rings: rings, source: map.sourceMap)
    }

    // MARK: Identity

    private func decodePCI(_ node: YAMLNode) -> PCIIdentity? {
        guard let map = MappingReader(node, as: .pci, sink: sink) else { return nil }
        let vendor = map.integer("vendor", max: 0xFFFF)
        var devices: [UInt16] = []
        switch (map["device"], map["devices"]) {
        case (let single?, nil):
            if let id = values.integer(single, what: "'device'", max: 0xFFFF) { devices = [UInt16(id.value)] }
        case (nil, let list?):
            let items = values.list(list, what: "'devices'") ?? []
            devices = items.compactMap { values.integer($0, what: "a device id", max: 0xFFFF) }.map { UInt16($0.value) }
            if items.isEmpty { sink.error(list.location, "'devices' is empty", hint: "list at least one device id") }
        case (.some, .some):
            sink.error(map.sourceMap["devices"], "write either 'device' or 'devices', not both")
        case (nil, nil):
            sink.error(map.location, "'pci' is missing 'device'", hint: "give the device id, or several as 'devices: [...]'")
        }
        let revision = map.integer("revision", max: 0xFF)
        let classCode = map.integer("class", max: 0xFF_FFFF)
        let subsystemVendor = map.integer("subsystem-vendor", max: 0xFFFF)
        let subsystem = map.integer("subsystem", max: 0xFFFF)
        if map.has("subsystem-vendor") != map.has("subsystem") {
            sink.error(map.location, "give both 'subsystem-vendor' and 'subsystem', or neither")
        }
        guard let vendor, !devices.isEmpty else { return nil }
        return PCIIdentity(
            vendor: UInt16(vendor.value), devices: devices, revision: revision.map { UInt8($0.value) },
            classCode: classCode.map { UInt32($0.value) }, subsystemVendor: subsystemVendor.map { UInt16($0.value) },
            subsystem: subsystem.map { UInt16($0.value) }, source: map.sourceMap)
    }

    private func decodeThunderbolt(_ node: YAMLNode) -> ThunderboltSupport? {
        guard let map = MappingReader(node, as: .thunderbolt, sink: sink) else { return nil }
        return ThunderboltSupport(
            tunnelCompatible: map.bool("tunnel-compatible")?.value ?? false,
            pauseCompatible: map.bool("pause-compatible")?.value ?? false, source: map.sourceMap)
    }

    private func decodeDriver(_ node: YAMLNode, deviceName: String?) -> DriverIdentity? {
        guard let map = MappingReader(node, as: .driver, sink: sink) else { return nil }
        let className = map.string("class")?.value ?? deviceName.map { SwiftName.upperCamel($0) + "Driver" }
        let bundle = map.string("bundle-id")
        let score = map.integer("probe-score", max: UInt64(Int32.max))
        guard let className, let bundle else { return nil }
        return DriverIdentity(
            className: className, bundleIdentifier: bundle.value, probeScore: score.map { Int($0.value) },
            matchClassCode: map.bool("match-class-code")?.value ?? false, userClientClass: map.string("user-client")?.value,
            source: map.sourceMap)
    }

    // MARK: Interrupts

    private func decodeInterrupts(_ node: YAMLNode) -> InterruptConfiguration? {
        guard let map = MappingReader(node, as: .interrupts, sink: sink) else { return nil }
        var kind: InterruptKind?
        if let text = map.string("kind") {
            kind = InterruptKind(rawValue: text.value)
            if kind == nil {
                if ["intx", "legacy", "pin"].contains(text.value.lowercased()) {
                    sink.error(text.location, "legacy INTx interrupts are not supported for PCI devices in DriverKit", hint: "use 'msi' or 'msix'")
                } else {
                    sink.error(text.location, "'\(text.value)' is not a valid 'kind'", hint: "expected one of: msi, msix")
                }
            }
        }
        let vectors = map.integer("vectors", max: 4096)
        let table = map["table"].flatMap(decodeMSIXStructure)
        let pba = map["pba"].flatMap(decodeMSIXStructure)
        let sources = (map.list("sources") ?? []).compactMap(decodeInterruptSource)
        guard let kind, let vectors else { return nil }
        return InterruptConfiguration(
            kind: kind, vectors: Int(vectors.value), sources: sources,
            perVectorMasking: map.bool("per-vector-masking")?.value ?? false,
            addresses64Bit: map.bool("address-64-bit")?.value ?? true, msixTable: table, msixPBA: pba,
            isOptional: map.bool("optional")?.value ?? false, source: map.sourceMap)
    }

    private func decodeMSIXStructure(_ node: YAMLNode) -> MSIXStructureLocation? {
        guard let map = MappingReader(node, as: .msixStructure, sink: sink) else { return nil }
        guard let bar = map.integer("bar", max: 5), let offset = map.integer("offset", max: UInt64(UInt32.max)) else { return nil }
        return MSIXStructureLocation(bar: Int(bar.value), offset: offset.value)
    }

    private func decodeInterruptSource(_ node: YAMLNode) -> InterruptSource? {
        guard let map = MappingReader(node, as: .interruptSource, sink: sink) else { return nil }
        let name = map.string("name")
        let vector = map.integer("vector", max: 4095)
        func reference(_ key: String) -> FieldReference? {
            guard let text = map.string(key) else { return nil }
            guard let reference = FieldReference(parsing: text.value) else {
                sink.error(text.location, "'\(text.value)' is not a register or field reference", hint: "write 'register', 'register.field' or 'register.field[bit]'")
                return nil
            }
            return reference
        }
        let status = reference("status"), acknowledge = reference("acknowledge"), enable = reference("enable"), mask = reference("mask")
        if map.has("enable") && map.has("mask") {
            sink.error(
                map.sourceMap["mask"], "interrupt source '\(name?.value ?? "?")' has both 'enable' and 'mask'",
                hint: "'enable' names bits where 1 enables, 'mask' bits where 1 masks: keep the one the device has")
        }
        guard let name, let vector else { return nil }
        return InterruptSource(
            name: name.value, vector: Int(vector.value), status: status, acknowledge: acknowledge, enable: enable, mask: mask,
            description: map.string("description")?.value, source: map.sourceMap)
    }

    // MARK: BARs and registers

    private func decodeBar(_ node: YAMLNode) -> BarSpec? {
        guard let map = MappingReader(node, as: .bar, sink: sink) else { return nil }
        let index = map.integer("index", max: 5)
        let name = map.string("name")
        var kind: BarKind?
        if let type = map.string("type") {
            kind = BarKind(rawValue: type.value)
            if kind == nil {
                if type.value.lowercased().hasPrefix("io") {
                    sink.error(type.location, "I/O BARs are not supported: Apple silicon Macs have no PCI I/O space", hint: "describe the device's memory BARs (mem32 or mem64)")
                } else {
                    sink.error(
                        type.location, "'\(type.value)' is not a valid BAR 'type'",
                        hint: Suggestions.didYouMean(type.value, in: BarKind.allCases.map(\.rawValue)) ?? "expected mem32 or mem64")
                }
            }
        }
        let size = map.integer("size", max: 1 << 40)
        let registers = resolveAliases((map.list("registers") ?? []).compactMap { decodeRegister($0) })
        guard let index, let name, let kind, let size else {
            brokenNames.formUnion(registers.map(\.name))
            return nil
        }
        return BarSpec(
            index: Int(index.value), name: name.value, kind: kind, prefetchable: map.bool("prefetchable")?.value ?? false,
            size: size.value, description: map.string("description")?.value, registers: registers, source: map.sourceMap)
    }

    func decodeRegister(_ node: YAMLNode) -> RegisterSpec? {
        guard let map = MappingReader(node, as: .register, sink: sink) else { return nil }
        if map.has("alias-of") { return decodeAlias(map) }
        let name = map.string("name")
        let offset = map.integer("offset", max: 1 << 40)
        var width = 32
        var widthIsValid = true
        if let written = map.integer("width", max: 64) {
            width = Int(written.value)
            if ![8, 16, 32, 64].contains(width) {
                sink.error(written.location, "register width \(width) is not supported", hint: "use 8, 16, 32 or 64")
                widthIsValid = false
            }
        } else if map.has("width") {
            widthIsValid = false
        }
        let access = decodeAccess(map)
        let reset = map.integer("reset", max: .max)
        var array: RegisterArray?
        let count = map.integer("count", max: 1 << 16)
        let stride = map.integer("stride", max: 1 << 32)
        if let count {
            array = RegisterArray(
                count: Int(count.value), stride: stride?.value ?? UInt64(width / 8), strideIsUnreadable: map.has("stride") && stride == nil)
        } else if map.has("stride") {
            sink.error(map.sourceMap["stride"], "'stride' needs 'count'", hint: "add 'count: N' to make the register an array")
        }
        var accessWidths = [width]
        if let list = map.list("access-widths") {
            accessWidths = list.compactMap { values.integer($0, what: "an access width", max: 64).map { Int($0.value) } }
            if list.isEmpty { sink.error(map.sourceMap["access-widths"], "'access-widths' is empty") }
        }
        var accessOrder = AccessOrder.lowFirst
        if let text = map.string("access-order") {
            if let order = AccessOrder(rawValue: text.value) {
                accessOrder = order
            } else {
                sink.error(text.location, "'\(text.value)' is not a valid 'access-order'", hint: "expected low-first or high-first")
            }
        }
        let effect = map["effect"].flatMap(decodeEffect)
        let fieldNodes = map.list("fields")
        if let fieldNodes, fieldNodes.isEmpty {
            sink.error(map.sourceMap["fields"], "'fields' is empty", hint: "omit 'fields' to use the whole register as one 'value'")
        }
        let registerName = name?.value ?? "?"
        let fields = (fieldNodes ?? []).compactMap { decodeField($0, register: registerName, defaultAccess: access ?? .rw) }
        guard let name, let offset, widthIsValid, let access else {
            if let name { brokenNames.insert(name.value) }
            return nil
        }
        let registerReset = reset?.value ?? 0
        var resolvedFields = fields
        if fieldNodes == nil {
            let bits = BitRange(lsb: 0, msb: width - 1)
            resolvedFields = [
                FieldSpec(
                    name: "value", bits: bits, access: access, reset: registerReset & bits.maxValue,
                    description: nil, enumeration: [], isImplicit: true, source: SourceMap(element: map.location))
            ]
        }
        // A field without its own reset takes its bits of the register reset; a register without a reset
        // is composed from its fields' resets.
        var composedReset = registerReset
        for index in resolvedFields.indices {
            let field = resolvedFields[index]
            if field.source.wrote("reset") {
                if reset == nil { composedReset |= (field.reset << UInt64(field.bits.lsb)) & field.bits.mask }
            } else {
                resolvedFields[index].reset = (registerReset & field.bits.mask) >> UInt64(field.bits.lsb)
            }
        }
        return RegisterSpec(
            name: name.value, offset: offset.value, width: width, access: access, reset: composedReset,
            description: map.string("description")?.value, array: array, accessWidths: accessWidths, accessOrder: accessOrder, effect: effect,
            fields: resolvedFields, source: map.sourceMap)
    }

    /// An alias names its target, its place and how it acts; the rest comes from the target
    /// (`resolveAliases`).
    private func decodeAlias(_ map: MappingReader) -> RegisterSpec? {
        for key in ["width", "reset", "count", "stride", "access-widths", "access-order", "effect", "fields"] where map.has(key) {
            sink.error(
                map.sourceMap[key], "an alias takes '\(key)' from the register it aliases; remove it here",
                hint: "an alias has 'name', 'offset', 'alias-of', 'access', 'write-only' and 'description'")
        }
        let name = map.string("name"), offset = map.integer("offset", max: 1 << 40), target = map.string("alias-of")
        let access = map.has("access") ? decodeAccess(map) : nil
        if let access, !Self.aliasAccessKinds.contains(access) {
            sink.error(
                map.sourceMap["access"], "an alias cannot be \(access.rawValue) (\(access.summary))",
                hint: "an alias is one of: \(Self.aliasAccessKinds.map(\.rawValue).joined(separator: ", "))")
        }
        guard let name, let offset, let target, !(map.has("access") && access == nil) else {
            if let name { brokenNames.insert(name.value) }
            return nil
        }
        return RegisterSpec(
            name: name.value, offset: offset.value, width: 32, access: access ?? .rw, reset: 0,
            description: map.string("description")?.value, array: nil, accessWidths: [], effect: nil, aliasOf: target.value,
            isWriteOnly: map.bool("write-only")?.value ?? false, fields: [], source: map.sourceMap)
    }

    /// How an alias address may act on the state it shares.
    static let aliasAccessKinds: [AccessKind] = [.rw, .ro, .wo, .rc, .w1s, .w1c, .w1t, .rcW1c]

    /// Gives each alias its target's width, reset and fields (with the alias's access when it
    /// names one). A target that is missing, an alias or an array is an error.
    func resolveAliases(_ registers: [RegisterSpec]) -> [RegisterSpec] {
        let byName = Dictionary(registers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return registers.compactMap { register in
            guard let targetName = register.aliasOf else { return register }
            let location = register.source["alias-of"]
            guard let target = byName[targetName] else {
                sink.error(
                    location, "register '\(register.name)' aliases '\(targetName)', which is not a register of the same BAR",
                    hint: Suggestions.didYouMean(targetName, in: registers.filter { $0.aliasOf == nil }.map(\.name)))
                brokenNames.insert(register.name)
                return nil
            }
            if target.aliasOf != nil {
                sink.error(location, "register '\(register.name)' aliases '\(targetName)', which is itself an alias", hint: "alias '\(target.aliasOf!)' instead")
                brokenNames.insert(register.name)
                return nil
            }
            if target.array != nil {
                sink.error(location, "register '\(register.name)' aliases the array '\(targetName)'; arrays cannot have aliases")
                brokenNames.insert(register.name)
                return nil
            }
            var alias = register
            alias.width = target.width
            alias.reset = target.reset
            alias.accessWidths = target.accessWidths
            alias.accessOrder = target.accessOrder
            if !register.source.wrote("access") { alias.access = target.access }
            alias.fields = target.fields.map { field in
                var field = field
                if register.source.wrote("access") { field.access = register.access }
                return field
            }
            return alias
        }
    }

    private func decodeAccess(_ map: MappingReader) -> AccessKind? {
        guard let text = map.string("access") else { return map.has("access") ? nil : .rw }
        if let kind = AccessKind(rawValue: text.value) { return kind }
        let aliases: [String: AccessKind] = [
            "read-write": .rw, "read-only": .ro, "write-only": .wo, "rw1c": .w1c, "woclr": .w1c, "rw1s": .w1s,
            "woset": .w1s, "wot": .w1t, "rw0c": .w0c, "wzc": .w0c, "wzs": .w0s, "wzt": .w0t, "rclr": .rc,
            "rset": .rs, "wclr": .wc, "wset": .ws, "writeonce": .w1, "read-writeonce": .rw1, "rc/w1c": .rcW1c, "rcw1c": .rcW1c, "w1c-rc": .rcW1c,
        ]
        let hint =
            aliases[text.value.lowercased()].map { "DriverGen calls this '\($0.rawValue)'" }
            ?? Suggestions.didYouMean(text.value, in: AccessKind.allCases.map(\.rawValue))
            ?? "expected one of: \(AccessKind.allCases.map(\.rawValue).joined(separator: ", "))"
        sink.error(text.location, "'\(text.value)' is not a valid access kind", hint: hint)
        return nil
    }

    private func decodeEffect(_ node: YAMLNode) -> RegisterEffect? {
        guard let map = MappingReader(node, as: .effect, sink: sink) else { return nil }
        let written = RegisterEffect.Kind.allCases.filter { map.has($0.rawValue) }
        guard written.count == 1, let kind = written.first else {
            sink.error(map.location, "an effect names exactly one of 'sets' or 'clears'", hint: "e.g. 'effect: { clears: interruptStatus }'")
            return nil
        }
        guard let target = map.string(kind.rawValue) else { return nil }
        return RegisterEffect(kind: kind, target: target.value, source: map.sourceMap)
    }

    // MARK: Fields

    private func decodeField(_ node: YAMLNode, register: String, defaultAccess: AccessKind) -> FieldSpec? {
        guard let map = MappingReader(node, as: .field, sink: sink) else { return nil }
        let name = map.string("name")
        let bits = map["bits"].flatMap(decodeBits)
        let access = map.has("access") ? decodeAccess(map) : defaultAccess
        let reset = map.integer("reset", max: .max)
        let enumeration = map["enum"].map(decodeEnumeration) ?? []
        let flags = map["flags"].map(decodeFlags) ?? []
        if map.has("enum") && map.has("flags") {
            sink.error(
                map.sourceMap["flags"], "field '\(name?.value ?? "?")' has both 'enum' and 'flags'",
                hint: "'enum' names values of the whole field, 'flags' names its bits one by one: keep one")
        }
        guard let name, let bits, let access else {
            if let name { brokenNames.insert("\(register).\(name.value)") }
            return nil
        }
        return FieldSpec(
            name: name.value, bits: bits, access: access, reset: reset?.value ?? 0,
            description: map.string("description")?.value, enumeration: enumeration, flags: flags, isImplicit: false, source: map.sourceMap)
    }

    /// `flags: { name: bit, ... }` or a list of `{ name, bit, description }`; bits count from the
    /// field's lowest bit.
    func decodeFlags(_ node: YAMLNode) -> [EnumCase] {
        switch node.kind {
        case .mapping(let pairs):
            return pairs.compactMap { pair in
                guard let name = values.string(pair.key, what: "a flag name"),
                    let bit = values.integer(pair.value, what: "the bit of flag '\(name.value)'", max: 63)
                else { return nil }
                return EnumCase(name: name.value, value: bit.value, description: nil, source: SourceMap(element: pair.key.location, values: ["bit": pair.value.location]))
            }
        case .sequence(let items):
            return items.compactMap { item in
                guard let map = MappingReader(item, as: .flag, sink: sink) else { return nil }
                guard let name = map.string("name"), let bit = map.integer("bit", max: 63) else { return nil }
                return EnumCase(name: name.value, value: bit.value, description: map.string("description")?.value, source: map.sourceMap)
            }
        case .scalar:
            sink.error(
                node.location, "expected the field's flags, found \(node.kindDescription)", hint: "write 'flags: { name: bit, ... }' with bits counted from the field's lowest")
            return []
        }
    }

    func decodeBits(_ node: YAMLNode) -> BitRange? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            sink.error(node.location, "expected a bit or bit range for 'bits', found \(node.kindDescription)", hint: "write 'hi:lo' (e.g. \"7:0\") or a single bit")
            return nil
        }
        // `hi:lo` or one bit, each a bit number 0...63; read from the bytes (specs have thousands).
        func bit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            if case .value(let value) = NumberLiteral.parse(bytes: bytes), value <= 63 { Int(value) } else { nil }
        }
        var scalar = text
        let bounds: (high: Int, low: Int)? = scalar.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return bit(bytes).map { ($0, $0) } }
            let low = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
            guard !low.contains(UInt8(ascii: ":")), let high = bit(UnsafeBufferPointer(rebasing: bytes[..<colon])), let low = bit(low) else { return nil }
            return (high, low)
        }
        guard let bounds else {
            sink.error(node.location, "'\(text)' is not a bit range", hint: "write 'hi:lo' (e.g. \"7:0\") or a single bit, with bits 0...63")
            return nil
        }
        guard bounds.high >= bounds.low else {
            sink.error(node.location, "bit range '\(text)' has its low bit first", hint: "write the high bit first: '\(bounds.low):\(bounds.high)'")
            return nil
        }
        return BitRange(lsb: bounds.low, msb: bounds.high)
    }

    func decodeEnumeration(_ node: YAMLNode) -> [EnumCase] {
        switch node.kind {
        case .mapping(let pairs):
            return pairs.compactMap { pair in
                guard let name = values.string(pair.key, what: "an enum name"),
                    let value = values.integer(pair.value, what: "enum value '\(name.value)'", max: .max)
                else { return nil }
                return EnumCase(name: name.value, value: value.value, description: nil, source: SourceMap(element: pair.key.location, values: ["value": pair.value.location]))
            }
        case .sequence(let items):
            return items.compactMap { item in
                guard let map = MappingReader(item, as: .enumCase, sink: sink) else { return nil }
                guard let name = map.string("name"), let value = map.integer("value", max: .max) else { return nil }
                return EnumCase(name: name.value, value: value.value, description: map.string("description")?.value, source: map.sourceMap)
            }
        case .scalar:
            sink.error(node.location, "expected the enum's values, found \(node.kindDescription)", hint: "write 'enum: { name: value, ... }'")
            return []
        }
    }
}
