import DriverSpec

/// What the structures file renders: one value type per structure (fields, views, enums and flag
/// sets) and one layout, type alias and initializer per ring.
struct StructuresFileViewModel {
    let header: String
    let namespace: String
    let structures: [StructureViewModel]
    let rings: [RingViewModel]

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        let namespace = namespace
        structures = spec.structures.enumerated().map { StructureViewModel($1, spec: spec, namespace: namespace, separator: $0 > 0) }
        rings = spec.rings.compactMap { RingViewModel($0, spec: spec, namespace: namespace) }
    }

    var hasRings: Bool { !rings.isEmpty }
}

/// One structure: its value type.
struct StructureViewModel {
    let docLines: [String]
    let typeName: String
    let size: Int
    /// 8-byte words of `StructureBytes`.
    let words: Int
    let fields: [StructureFieldViewModel]
    let views: [View]
    let enums: [EnumViewModel]
    let flagSets: [FlagSetViewModel]
    let separator: Bool

    /// A named layout of the structure's bytes: a nested value type and a property.
    struct View {
        let docLines: [String]
        let typeName: String
        let property: String
        let fields: [StructureFieldViewModel]
    }

    init(_ structure: StructureSpec, spec: DeviceSpec, namespace: String, separator: Bool) {
        self.separator = separator
        typeName = GeneratedNames.structureType(structure.name)
        size = structure.size
        words = (structure.size + 7) / 8
        let order = structure.byteOrder == .big ? "big-endian" : "little-endian"
        docLines = DocComment.lines(structure.description, then: ["`\(structure.name)`: \(structure.size) bytes, \(order)."])
        let qualified = "\(namespace).\(typeName)"
        var enums: [EnumViewModel] = []
        var flagSets: [FlagSetViewModel] = []
        func fieldModels(_ fields: [StructureFieldSpec], view: String?) -> [StructureFieldViewModel] {
            fields.map { field in
                let model = StructureFieldViewModel(
                    field, structure: structure, spec: spec, namespace: namespace, enumOwner: qualified, view: view,
                    indent: view == nil ? "        " : "            ")
                if let coded = model.codedField {
                    let typeName = GeneratedNames.structureFieldEnumType(field.name, view: view)
                    let property = (view.map { GeneratedNames.structureField($0) + "." } ?? "") + GeneratedNames.structureField(field.name)
                    if coded.flags.isEmpty {
                        enums.append(
                            EnumViewModel(
                                coded, rawType: model.unitType, layoutReference: "nil", layoutLines: Self.fieldLayoutLines(coded),
                                typeName: typeName, property: property))
                    } else {
                        flagSets.append(FlagSetViewModel(coded, rawType: model.unitType, typeName: typeName, property: property))
                    }
                }
                return model
            }
        }
        fields = fieldModels(structure.fields, view: nil)
        views = structure.views.map { view in
            let viewType = GeneratedNames.structureViewType(view.name)
            return View(
                docLines: DocComment.lines(view.description, then: ["The `\(view.name)` layout of the same bytes."]),
                typeName: viewType, property: Spelling.member(GeneratedNames.structureField(view.name)),
                fields: fieldModels(view.fields, view: view.name))
        }
        self.enums = enums
        self.flagSets = flagSets
    }
}

/// One field's property (or labelled subscript, for an array).
struct StructureFieldViewModel {
    let docLines: [String]
    /// Spaces before each line: fields of a view are one level deeper.
    let indent: String
    let name: String
    let type: String
    let getter: String
    let setter: String
    /// For an array: the element's offset expression uses `index`.
    let isArray: Bool
    let count: Int
    /// The integer type a coded field's enum or flag set is raw-represented by.
    let unitType: String
    /// A register-style field for the enum or flag-set templates, for a coded field.
    let codedField: FieldSpec?

    init(
        _ field: StructureFieldSpec, structure: StructureSpec, spec: DeviceSpec, namespace: String, enumOwner: String, view: String?,
        indent: String
    ) {
        self.indent = indent
        name = Spelling.member(GeneratedNames.structureField(field.name))
        isArray = field.count != nil
        count = field.count ?? 1
        let sizes = Dictionary(spec.structures.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
        let stride = field.stride ?? field.elementSize(structures: sizes) ?? 0
        let at = isArray ? "\(field.offset) + index * \(stride)" : "\(field.offset)"
        let big = structure.byteOrder == .big ? ", bigEndian: true" : ""
        var place = isArray ? "\(field.count ?? 1) elements from byte \(field.offset), every \(stride) bytes" : "Byte \(field.offset)"
        var unit = "Swift.UInt8"
        var coded: FieldSpec?
        switch field.kind {
        case .integer(let width, let bits):
            unit = "Swift.UInt\(width)"
            let whole = bits.lsb == 0 && bits.width == width
            if field.offset % 4 == 0 && width == 32 && !isArray {
                place = "Dword \(field.offset / 4)"
            }
            place += whole ? ", \(width) bits" : bits.width == 1 ? ", bit \(bits.lsb) of \(width)" : ", bits \(bits) of \(width)"
            let load =
                whole
                ? "bytes.load(\(unit).self, at: \(at)\(big))"
                : "bytes.field(\(unit).self, at: \(at), shift: \(bits.lsb), mask: \(SwiftLiteral.hex(bits.maxValue))\(big))"
            func store(_ value: String) -> String {
                whole
                    ? "bytes.store(\(value), at: \(at)\(big))"
                    : "bytes.setField(\(value), at: \(at), shift: \(bits.lsb), mask: \(SwiftLiteral.hex(bits.maxValue))\(big))"
            }
            if !field.enumeration.isEmpty || !field.flags.isEmpty {
                let typeName = GeneratedNames.structureFieldEnumType(field.name, view: view)
                coded = FieldSpec(
                    name: field.name, bits: BitRange(lsb: 0, msb: bits.width - 1), access: .rw, reset: 0,
                    description: nil, enumeration: field.enumeration, flags: field.flags, isImplicit: false, source: field.source)
                type = "\(enumOwner).\(typeName)"
                getter = "\(type)(rawValue: \(load))"
                setter = store("newValue.rawValue")
            } else if bits.width == 1 {
                type = "Swift.Bool"
                getter = "\(load) != 0"
                setter = store("newValue ? \(unit)(1) : 0")
            } else if let narrow = [8, 16, 32, 64].first(where: { $0 >= bits.width }), narrow < width {
                // A number as wide as its bits: a 16-bit command identifier is a UInt16.
                type = "Swift.UInt\(narrow)"
                getter = "\(type)(truncatingIfNeeded: \(load))"
                setter = store("\(unit)(newValue)")
            } else {
                type = unit
                getter = load
                setter = store("newValue")
            }
        case .bytes(let count):
            place += ", \(count) bytes"
            type = "[Swift.UInt8]"
            getter = "bytes.bytes(at: \(at), count: \(count))"
            setter = "bytes.setBytes(newValue, at: \(at), count: \(count))"
        case .string(let length, let padding):
            place += ", ASCII in \(length) bytes, padded with \(padding == .space ? "spaces" : "NULs")"
            type = "Swift.String"
            getter = "bytes.string(at: \(at), length: \(length))"
            setter = "bytes.setString(newValue, at: \(at), length: \(length), padWithSpaces: \(padding == .space))"
        case .structure(let nested):
            let nestedType = "\(namespace).\(GeneratedNames.structureType(nested))"
            place += ", a `\(nested)`"
            type = nestedType
            getter = "bytes.structure(\(nestedType).self, at: \(at))"
            setter = "bytes.setStructure(newValue, at: \(at))"
        }
        unitType = unit
        codedField = coded
        docLines = DocComment.lines(field.description, then: [place + "."])
    }
}

/// One ring: the layout the runtime's ring types take, a type alias and an initializer that
/// binds the ring's doorbell (and the device's index register).
struct RingViewModel {
    let docLines: [String]
    let layoutName: String
    let typeName: String
    let ringType: String
    let entryType: String
    let specName: String
    let entryCounts: String
    let readinessConformance: String
    let readyExpression: String?
    let blockType: String
    let queueParameter: String
    let doorbellPath: String
    let doorbellRaw: String
    let deviceIndexExpression: String?

    init?(_ ring: RingSpec, spec: DeviceSpec, namespace: String) {
        guard let entry = spec.structure(named: ring.entry), let doorbell = spec.register(named: ring.doorbell),
            let bar = spec.bars.first(where: { $0.registers.contains { $0.name == doorbell.name } })
        else { return nil }
        specName = SwiftLiteral.escaped(ring.name)
        typeName = GeneratedNames.structureType(ring.name)
        layoutName = GeneratedNames.ringLayoutType(ring.name)
        ringType = ring.role == .producer ? "ProducerRing" : "ConsumerRing"
        entryType = "\(namespace).\(GeneratedNames.structureType(entry.name))"
        let rule = ring.entries
        entryCounts = ".init(minimum: \(rule.minimum), maximum: \(rule.maximum), powerOfTwo: \(rule.powerOfTwo), multipleOf: \(rule.multipleOf))"
        blockType = "\(namespace).\(GeneratedNames.barBlockType(bar.name))"
        let isArray = doorbell.array != nil
        queueParameter = isArray ? "queue: Swift.Int, " : ""
        doorbellPath = "registers.\(Spelling.member(GeneratedNames.register(doorbell.name)))" + (isArray ? "[queue]" : "")
        doorbellRaw = "Swift.UInt\(doorbell.width)"
        if let name = ring.deviceIndex, let register = spec.register(named: name) {
            let path = "registers.\(Spelling.member(GeneratedNames.register(register.name)))" + (register.array != nil && isArray ? "[queue]" : "")
            deviceIndexExpression = "{ Swift.Int(\(path).read().rawValue) }"
        } else {
            deviceIndexExpression = nil
        }
        if let readiness = ring.readiness, let field = entry.field(at: readiness.field), case .integer(let width, let bits) = field.kind {
            readinessConformance = "DriverRuntime.ReadinessRingLayout"
            let bit = "DriverRuntime.RingReadiness.bit(at: pointer, offset: \(field.offset), width: \(width), bit: \(bits.lsb), bigEndian: \(entry.byteOrder == .big))"
            switch readiness {
            case .phase: readyExpression = "\(bit) == phase"
            case .done: readyExpression = bit
            }
        } else {
            readinessConformance = "DriverRuntime.RingLayout"
            readyExpression = nil
        }
        let role = ring.role == .producer ? "the driver fills, the device consumes" : "the device fills, the driver consumes"
        let readiness =
            ring.readiness.map {
                switch $0 {
                case .phase(let field): " New entries carry the phase tag `\(field)`."
                case .done(let field): " The device marks finished entries with `\(field)`."
                }
            } ?? ""
        docLines = DocComment.lines(
            ring.description,
            then: ["Ring `\(ring.name)` of `\(entry.name)` entries (\(role)); \(EntryCountDescription.of(rule)); doorbell `\(doorbell.name)`.\(readiness)"])
    }
}

enum EntryCountDescription {
    static func of(_ rule: EntryCountRule) -> String {
        var text = "\(rule.minimum)...\(rule.maximum) entries"
        if rule.powerOfTwo { text += ", a power of two" }
        if rule.multipleOf > 1 { text += ", a multiple of \(rule.multipleOf)" }
        return text
    }
}

extension StructureViewModel {
    /// A structure has no device layout to point into, so its enums carry their value names
    /// in an expression: `description` prints `generic`, not `0x0`.
    static func fieldLayoutLines(_ field: FieldSpec) -> [String] {
        [
            "DriverRuntime.FieldLayout(",
            "    name: \(SwiftLiteral.string(field.name)), mask: \(SwiftLiteral.hex(field.bits.maxValue)), access: .rw,",
            "    names: .values([",
        ]
            + field.enumeration.map { "        .init(\(SwiftLiteral.hex($0.value)), \(SwiftLiteral.string($0.name)))," }
            + ["    ]))"]
    }
}
