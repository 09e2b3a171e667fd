/// Rules for `structures:`: every field inside the structure, within its unit, aligned unless
/// the structure is packed, clear of reserved bytes, and overlapping another field only when the
/// two belong to different views; nested structures exist and do not contain themselves.
extension SpecValidator {
    func checkStructures() {
        let sizes = Dictionary(spec.structures.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
        for structure in spec.structures {
            checkStructure(structure, sizes: sizes)
        }
        checkNesting(sizes: sizes)
    }

    private func checkStructure(_ structure: StructureSpec, sizes: [String: Int]) {
        var claimed: [(field: StructureFieldSpec, view: String?, bits: ByteBits)] = []
        for (view, field) in structure.allFields where !brokenNames.contains("\(structure.name).\(field.name)") {
            let place = view.map { "field '\($0).\(field.name)'" } ?? "field '\(field.name)'"
            guard checkPlacement(field, place: place, in: structure, sizes: sizes), let bits = ByteBits(field, in: structure, sizes: sizes) else { continue }
            if let other = claimed.first(where: { ($0.view == nil || view == nil || $0.view == view) && $0.bits.overlaps(bits) }) {
                let otherPlace = other.view.map { "'\($0).\(other.field.name)'" } ?? "'\(other.field.name)'"
                let hint =
                    view != nil && other.view != nil
                    ? "each bit belongs to one field of a view"
                    : "fields of different views may share bytes; common fields may not: move one into a view"
                sink.error(field.source.element, "\(place) (\(bits.summary)) overlaps field \(otherPlace) (\(other.bits.summary)) in structure '\(structure.name)'", hint: hint)
            } else {
                claimed.append((field, view, bits))
            }
            if let reserved = structure.reserved.first(where: { bits.overlaps(ByteBits(range: $0)) }) {
                sink.error(
                    field.source.element, "\(place) uses reserved \(reserved) of structure '\(structure.name)'", hint: "a reserved range is the device's: no field may use it")
            }
            if let bits = field.bits {
                checkEnumeration(field.enumeration, of: field.name, bits: BitRange(lsb: 0, msb: bits.width - 1))
                checkFlags(field.flags, of: field.name, bits: BitRange(lsb: 0, msb: bits.width - 1))
            } else if !field.enumeration.isEmpty || !field.flags.isEmpty {
                sink.error(field.source[field.enumeration.isEmpty ? "flags" : "enum"], "\(place) is not an integer: it cannot have 'enum' or 'flags'")
            }
        }
        for range in structure.reserved where range.end > structure.size || range.count == 0 {
            sink.error(
                structure.source["reserved"], "reserved \(range) is \(range.count == 0 ? "empty" : "past the end of the \(structure.size)-byte structure '\(structure.name)'")")
        }
        checkFieldNames(structure)
    }

    /// The field fits the structure, its bits fit its unit, its unit is aligned, an array's stride
    /// holds its element. False when the field cannot be placed at all.
    private func checkPlacement(_ field: StructureFieldSpec, place: String, in structure: StructureSpec, sizes: [String: Int]) -> Bool {
        switch field.kind {
        case .integer(let width, let bits):
            if bits.msb >= width {
                sink.error(field.source["bits"], "\(place) uses bits \(bits) of a \(width)-bit unit", hint: "widen the unit ('width' or 'dword') or pick bits 0...\(width - 1)")
                return false
            }
            if !structure.isPacked && width > 8 && field.offset % (width / 8) != 0 {
                sink.error(
                    field.source[field.source.wrote("offset") ? "offset" : "dword"],
                    "\(place) is a \(width)-bit field at byte \(field.offset), not a multiple of \(width / 8)",
                    hint: "multi-byte fields are naturally aligned; if the device's layout is not, mark the structure 'packed: true'")
            }
        case .bytes(let count), .string(let count, _):
            if count == 0 {
                sink.error(field.source.element, "\(place) has no bytes", hint: "give its length, at least 1")
                return false
            }
        case .structure(let name):
            guard sizes[name] != nil else {
                if !brokenNames.contains(name) {
                    sink.error(
                        field.source["structure"], "\(place) is structure '\(name)', which the spec does not describe",
                        hint: Suggestions.didYouMean(name, in: Array(sizes.keys)) ?? "add it to 'structures'")
                }
                return false
            }
        }
        guard let size = field.elementSize(structures: sizes), let extent = field.extent(structures: sizes) else { return false }
        if let stride = field.stride, stride < size {
            sink.error(field.source["stride"], "\(place) has stride \(stride), less than its \(size)-byte element", hint: "elements of an array may not overlap")
            return false
        }
        if extent.end > structure.size {
            sink.error(
                field.source.element, "\(place) (\(extent)) ends past the end of the \(structure.size)-byte structure '\(structure.name)'",
                hint: "check its offset and size, or the structure's 'size'")
            return false
        }
        return true
    }

    /// Field names are unique among the common fields and within each view (as Swift names),
    /// the views' properties do not collide with the common fields, and the types nested in the
    /// structure's type (views, coded fields' enums and flag sets) are distinct.
    private func checkFieldNames(_ structure: StructureSpec) {
        // The structure type's members: properties, and the types nested in it.
        let properties =
            structure.fields.map {
                NamedItem(name: $0.name, location: $0.source["name"], kind: "field", swiftName: GeneratedNames.structureField($0.name))
            }
            + structure.views.map {
                NamedItem(name: $0.name, location: $0.source["name"], kind: "view", swiftName: GeneratedNames.structureField($0.name))
            }
        var nestedTypes = structure.views.map {
            NamedItem(name: $0.name, location: $0.source["name"], kind: "view type", swiftName: GeneratedNames.structureViewType($0.name))
        }
        for (view, field) in structure.allFields where !field.enumeration.isEmpty || !field.flags.isEmpty {
            nestedTypes.append(
                NamedItem(
                    name: view.map { "\($0).\(field.name)" } ?? field.name, location: field.source["name"], kind: "coded field",
                    swiftName: GeneratedNames.structureFieldEnumType(field.name, view: view)))
        }
        reportCollisions(in: properties + nestedTypes, converting: { $0 }) { first, second in
            properties.contains { $0.location == first.location } && properties.contains { $0.location == second.location }
        }
        let common = structure.fields.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "field") }
        let views = structure.views.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "view") }
        reportCollisions(in: common + views, converting: GeneratedNames.structureField)
        for view in structure.views {
            reportCollisions(
                in: view.fields.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "field") },
                converting: GeneratedNames.structureField)
        }
    }

    /// A structure may contain another, but not itself, directly or through others.
    private func checkNesting(sizes: [String: Int]) {
        let contains = Dictionary(
            spec.structures.map { structure in
                (
                    structure.name,
                    structure.allFields.compactMap { item -> (String, StructureFieldSpec)? in
                        if case .structure(let name) = item.field.kind { return (name, item.field) }
                        return nil
                    }
                )
            }, uniquingKeysWith: { first, _ in first })
        for structure in spec.structures {
            var visiting: [String] = [structure.name]
            func walk(_ name: String) -> Bool {
                for (inner, _) in contains[name] ?? [] {
                    if inner == structure.name { return true }
                    if visiting.contains(inner) { continue }
                    visiting.append(inner)
                    if walk(inner) { return true }
                }
                return false
            }
            if walk(structure.name), let field = contains[structure.name]?.first {
                sink.error(
                    field.1.source["structure"], "structure '\(structure.name)' contains itself (through field '\(field.1.name)')",
                    hint: "a structure cannot hold a copy of itself; describe the inner one separately")
            }
        }
    }
}

/// The bits of a structure a field covers, byte by byte, with the byte order applied.
struct ByteBits {
    /// Byte offset -> the bits of that byte used.
    private(set) var bits: [Int: UInt8] = [:]

    init(range: ByteRange) {
        for byte in range.offset..<range.end { bits[byte] = 0xFF }
    }

    init?(_ field: StructureFieldSpec, in structure: StructureSpec, sizes: [String: Int]) {
        guard let size = field.elementSize(structures: sizes) else { return nil }
        for element in 0..<(field.count ?? 1) {
            let start = field.offset + element * (field.stride ?? size)
            switch field.kind {
            case .integer(let width, let range):
                for bit in range.lsb...range.msb {
                    let byteInUnit = structure.byteOrder == .little ? bit / 8 : width / 8 - 1 - bit / 8
                    bits[start + byteInUnit, default: 0] |= 1 << UInt8(bit % 8)
                }
            case .bytes, .string, .structure:
                for byte in start..<start + size { bits[byte] = 0xFF }
            }
        }
    }

    func overlaps(_ other: ByteBits) -> Bool {
        let (small, large) = bits.count < other.bits.count ? (self, other) : (other, self)
        return small.bits.contains { byte, mask in (large.bits[byte] ?? 0) & mask != 0 }
    }

    /// `bytes 4...7` or `byte 11 bits 3:0`, for messages.
    var summary: String {
        guard let first = bits.keys.min(), let last = bits.keys.max() else { return "no bits" }
        if first == last, let mask = bits[first], mask != 0xFF {
            let low = mask.trailingZeroBitCount, high = 7 - mask.leadingZeroBitCount
            return low == high ? "byte \(first) bit \(low)" : "byte \(first) bits \(high):\(low)"
        }
        return first == last ? "byte \(first)" : "bytes \(first)...\(last)"
    }
}
