/// Decoding of `structures:` and `rings:`.
extension SpecDecoder {
    func decodeStructure(_ node: YAMLNode) -> StructureSpec? {
        guard let map = MappingReader(node, as: .structure, sink: sink) else { return nil }
        let name = map.string("name")
        let size = map.integer("size", max: 1 << 20)
        var byteOrder = ByteOrder.little
        if let text = map.keyword("byte-order", choices: ByteOrder.allCases.map(\.rawValue)) {
            byteOrder = ByteOrder(rawValue: text.value) ?? .little
        }
        let structureName = name?.value ?? "?"
        let fields = (map.list("fields") ?? []).compactMap { decodeStructureField($0, structure: structureName) }
        let views = (map.list("views") ?? []).compactMap { decodeView($0, structure: structureName) }
        let reserved = (map.list("reserved") ?? []).compactMap(decodeReservedRange)
        if !map.has("fields") && !map.has("views") {
            sink.error(map.location, "structure '\(structureName)' has no 'fields' and no 'views'", hint: "describe its fields")
        }
        guard let name, let size, !(map.has("byte-order") && map.string("byte-order").map({ ByteOrder(rawValue: $0.value) == nil }) ?? false) else {
            if let name { brokenNames.insert(name.value) }
            return nil
        }
        if size.value == 0 {
            sink.error(size.location, "structure '\(name.value)' has size 0", hint: "give its size in bytes")
            brokenNames.insert(name.value)
            return nil
        }
        return StructureSpec(
            name: name.value, size: Int(size.value), byteOrder: byteOrder, isPacked: map.bool("packed")?.value ?? false,
            description: map.string("description")?.value, fields: fields, views: views, reserved: reserved, source: map.sourceMap)
    }

    private func decodeView(_ node: YAMLNode, structure: String) -> StructureViewSpec? {
        guard let map = MappingReader(node, as: .structureView, sink: sink) else { return nil }
        let name = map.string("name")
        let fields = (map.list("fields") ?? []).compactMap { decodeStructureField($0, structure: "\(structure).\(name?.value ?? "?")") }
        guard let name else { return nil }
        return StructureViewSpec(name: name.value, description: map.string("description")?.value, fields: fields, source: map.sourceMap)
    }

    private func decodeReservedRange(_ node: YAMLNode) -> ByteRange? {
        guard let map = MappingReader(node, as: .reservedRange, sink: sink) else { return nil }
        guard let offset = map.integer("offset", max: 1 << 20), let count = map.integer("bytes", max: 1 << 20) else { return nil }
        return ByteRange(offset: Int(offset.value), count: Int(count.value))
    }

    /// A field is placed by `offset` (bytes) or `dword` (4 bytes each, as datasheets count
    /// them), and is one of: an integer (`width`, or `bits` of a `dword`), `bytes: N`,
    /// `string: N`, or `structure: name`.
    private func decodeStructureField(_ node: YAMLNode, structure: String) -> StructureFieldSpec? {
        guard let map = MappingReader(node, as: .structureField, sink: sink) else { return nil }
        let name = map.string("name")
        let place = "field '\(name?.value ?? "?")'"
        let offset = map.integer("offset", max: 1 << 20)
        let dword = map.integer("dword", max: 1 << 18)
        var start: Int?
        switch (offset, dword) {
        case (let offset?, nil): start = Int(offset.value)
        case (nil, let dword?): start = Int(dword.value) * 4
        case (.some, .some):
            sink.error(map.sourceMap["dword"], "\(place) gives both 'offset' and 'dword'", hint: "place it by one of them")
        case (nil, nil):
            if !map.has("offset") && !map.has("dword") {
                sink.error(map.location, "\(place) has no 'offset' or 'dword'", hint: "give its byte offset, or the dword it is in (\"CDW0\" is dword 0)")
            }
        }
        let kinds = ["bytes", "string", "structure"].filter { map.has($0) }
        if kinds.count > 1 || (!kinds.isEmpty && (map.has("width") || map.has("bits"))) {
            let written = (kinds + ["width", "bits"].filter { map.has($0) }).map { "'\($0)'" }.joined(separator: ", ")
            sink.error(
                map.location, "\(place) is given as several kinds at once (\(written))",
                hint: "an integer has 'width' or 'bits'; otherwise use one of 'bytes', 'string' or 'structure'")
            if let name { brokenNames.insert("\(structure).\(name.value)") }
            return nil
        }
        var kind: StructureFieldSpec.Kind?
        if map.has("bytes") {
            if let count = map.integer("bytes", max: 1 << 20) { kind = .bytes(count: Int(count.value)) }
        } else if map.has("string") {
            var padding = StringPadding.space
            if let text = map.keyword("padding", choices: StringPadding.allCases.map(\.rawValue)) { padding = StringPadding(rawValue: text.value) ?? .space }
            if let length = map.integer("string", max: 1 << 20) { kind = .string(length: Int(length.value), padding: padding) }
        } else if map.has("structure") {
            if let nested = map.string("structure") { kind = .structure(name: nested.value) }
        } else {
            kind = integerKind(map, place: place, dword: dword != nil)
        }
        if map.has("padding") && !map.has("string") {
            sink.error(map.sourceMap["padding"], "'padding' is for strings; \(place) is not one", hint: "remove it, or make the field 'string: N'")
        }
        let count = map.integer("count", max: 1 << 16)
        let stride = map.integer("stride", max: 1 << 20)
        if map.has("stride") && !map.has("count") {
            sink.error(map.sourceMap["stride"], "'stride' needs 'count'", hint: "add 'count: N' to make the field an array")
        }
        let enumeration = map["enum"].map(decodeEnumeration) ?? []
        let flags = map["flags"].map(decodeFlags) ?? []
        if map.has("enum") && map.has("flags") {
            sink.error(
                map.sourceMap["flags"], "\(place) has both 'enum' and 'flags'",
                hint: "'enum' names values of the whole field, 'flags' names its bits one by one: keep one")
        }
        guard let name, let start, let kind else {
            if let name { brokenNames.insert("\(structure).\(name.value)") }
            return nil
        }
        if count?.value == 0 {
            sink.error(count?.location ?? map.location, "\(place) is an array of 0 elements", hint: "give 'count' of at least 1, or remove it")
        }
        return StructureFieldSpec(
            name: name.value, offset: start, kind: kind, count: count.map { Int($0.value) }, stride: stride.map { Int($0.value) },
            description: map.string("description")?.value, enumeration: enumeration, flags: flags, source: map.sourceMap)
    }

    /// `width` bits (8, 16, 32 or 64; a `dword` is 32), of which `bits` (all when not given).
    private func integerKind(_ map: MappingReader, place: String, dword: Bool) -> StructureFieldSpec.Kind? {
        let bits = map["bits"].flatMap(decodeBits)
        if map.has("bits") && bits == nil { return nil }
        var width: Int?
        if let written = map.integer("width", max: 64) {
            guard [8, 16, 32, 64].contains(Int(written.value)) else {
                sink.error(written.location, "\(place) has width \(written.value)", hint: "a structure field is 8, 16, 32 or 64 bits wide")
                return nil
            }
            width = Int(written.value)
        } else if map.has("width") {
            return nil
        } else if dword {
            width = 32
        } else if let bits {
            width = [8, 16, 32, 64].first { $0 > bits.msb } ?? 64
        }
        guard let width else {
            sink.error(map.location, "\(place) has no 'width'", hint: "give 'width' (8, 16, 32 or 64), 'bits', or one of 'bytes', 'string', 'structure'")
            return nil
        }
        return .integer(width: width, bits: bits ?? BitRange(lsb: 0, msb: width - 1))
    }

    func decodeRing(_ node: YAMLNode) -> RingSpec? {
        guard let map = MappingReader(node, as: .ring, sink: sink) else { return nil }
        let name = map.string("name"), entry = map.string("entry"), doorbell = map.string("doorbell")
        let role = map.keyword("role", choices: RingSpec.Role.allCases.map(\.rawValue)).flatMap { RingSpec.Role(rawValue: $0.value) }
        var rule = EntryCountRule.any
        if let node = map["entries"], let entries = MappingReader(node, as: .ringEntries, sink: sink) {
            if let minimum = entries.integer("min", max: 1 << 24) { rule.minimum = Int(minimum.value) }
            if let maximum = entries.integer("max", max: 1 << 24) { rule.maximum = Int(maximum.value) }
            rule.powerOfTwo = entries.bool("power-of-two")?.value ?? false
            if let multiple = entries.integer("multiple-of", max: 1 << 16) { rule.multipleOf = max(Int(multiple.value), 1) }
            if rule.minimum > rule.maximum {
                sink.error(
                    entries.location, "ring '\(name?.value ?? "?")' allows at least \(rule.minimum) entries but at most \(rule.maximum)",
                    hint: "'min' must not exceed 'max'")
            }
            if rule.minimum < 2, entries.has("min") {
                sink.error(entries.sourceMap["min"], "a ring needs at least 2 entries", hint: "one slot always stays empty to tell a full ring from an empty one")
            }
        }
        var readiness: RingSpec.Readiness?
        if let node = map["ready"], let ready = MappingReader(node, as: .ringReady, sink: sink) {
            switch (ready.string("phase"), ready.string("done")) {
            case (let phase?, nil): readiness = .phase(field: phase.value)
            case (nil, let done?): readiness = .done(field: done.value)
            case (.some, .some): sink.error(ready.location, "'ready' names either 'phase' or 'done', not both")
            case (nil, nil):
                if !ready.has("phase") && !ready.has("done") {
                    sink.error(ready.location, "'ready' names no field", hint: "write 'ready: { phase: field }' or 'ready: { done: field }'")
                }
            }
        }
        guard let name, let entry, let doorbell, let role else { return nil }
        return RingSpec(
            name: name.value, entry: entry.value, role: role, entries: rule, doorbell: doorbell.value,
            deviceIndex: map.string("device-index")?.value, readiness: readiness, description: map.string("description")?.value,
            source: map.sourceMap)
    }
}
