import DriverSpec

/// Everything the templates need to declare one register's value type.
struct RegisterViewModel {
    let docLines: [String]
    let typeName: String
    let rawType: String
    let resetValue: String
    let writeOneActionMask: String
    let writeZeroActionMask: String
    let fields: [FieldViewModel]
    let enums: [EnumViewModel]
    let flagSets: [FlagSetViewModel]
    let actions: [ActionViewModel]
    /// `Fields`, for the actions of the register's aliases; nil when it has none.
    let fieldSet: FieldSetViewModel?
    /// The expression for the register's entry in the device layout (for `description`).
    let layoutReference: String
    /// A blank line goes before every register but the first of its file.
    var separator: Bool
    /// `.whole`, or `.split(...)` for a register the device takes only in parts.
    let accessPlan: String
    /// The raw type of a half, when the device takes half-width accesses.
    let halfType: String?
    /// For a register shaped like an earlier one, that register's value type, which this one's
    /// name aliases; nil for a register that declares its own.
    let sharedType: String?

    /// `layoutReference` locates the register in the device's layout: its index among the
    /// registers of the BAR at position `bar` in the layout's BARs (`nil` for configuration space).
    /// `sharers` are the registers whose names alias this one's value type.
    init(
        _ register: RegisterSpec, location: String, layoutReference reference: (namespace: String, register: Int, bar: String),
        separator: Bool, hasAliases: Bool = false, sharers: [RegisterSpec] = [], sharedEnums: inout [EnumShape: String]
    ) {
        sharedType = nil
        layoutReference = "\(reference.namespace).layout.register(\(reference.register), inBarAt: \(reference.bar))"
        let rawType = "Swift.UInt\(register.width)"
        self.rawType = rawType
        self.separator = separator
        typeName = GeneratedNames.registerType(register.name)
        var summary = "`\(register.name)` at \(location), \(register.width) bits"
        if let array = register.array { summary += ", \(array.count) elements \(SwiftLiteral.hex(array.stride)) bytes apart" }
        summary += ", \(Self.access(register).summary)"
        if let partWidth = register.partWidth {
            summary += "; the device takes \(partWidth)-bit accesses only, \(register.accessOrder == .lowFirst ? "low" : "high") part first"
        }
        var notes = [summary + "."]
        if !sharers.isEmpty {
            notes.append(
                "The value type of \(sharers.count == 1 ? "one more register" : "\(sharers.count) more registers") with the same fields: \(sharers.map { "`\($0.name)`" }.joined(separator: ", "))."
            )
        }
        docLines = DocComment.lines(register.description, then: notes)
        accessPlan = register.partWidth.map { ".split(partWidth: \($0), highFirst: \(register.accessOrder == .highFirst))" } ?? ".whole"
        halfType = register.width > 8 && register.accessWidths.contains(register.width / 2) ? "Swift.UInt\(register.width / 2)" : nil
        resetValue = SwiftLiteral.hex(register.reset, width: register.width)
        let ones = register.fields.filter { [.w1c, .rcW1c, .w1s, .w1t].contains($0.access) }.reduce(0) { $0 | $1.bits.mask }
        let zeros = register.fields.filter { [.w0c, .w0s, .w0t].contains($0.access) }.reduce(0) { $0 | $1.bits.mask }
        writeOneActionMask = SwiftLiteral.hex(ones)
        writeZeroActionMask = SwiftLiteral.hex(zeros)
        fields = register.fields.map { FieldViewModel($0, rawType: rawType, registerWidth: register.width) }
        var enums: [EnumViewModel] = []
        for (index, field) in register.fields.enumerated() where !field.enumeration.isEmpty {
            let shape = EnumShape(field, rawType: rawType)
            if let shared = sharedEnums[shape] {
                enums.append(EnumViewModel(field, sharing: shared))
            } else {
                sharedEnums[shape] = "\(reference.namespace).\(typeName).\(GeneratedNames.enumType(field.name))"
                enums.append(
                    EnumViewModel(
                        field, rawType: rawType,
                        layoutReference: "\(reference.namespace).layout.field(\(index), ofRegister: \(reference.register), inBarAt: \(reference.bar))"))
            }
        }
        self.enums = enums
        flagSets = register.fields.filter { !$0.flags.isEmpty }.map { FlagSetViewModel($0, rawType: rawType) }
        actions = ActionViewModel.all(for: register, rawType: rawType)
        fieldSet = hasAliases ? FieldSetViewModel(register) : nil
    }

    /// A register whose value type is `owner`'s, a register of the same shape declared earlier.
    init(_ register: RegisterSpec, location: String, sharingTypeOf owner: RegisterSpec, separator: Bool) {
        sharedType = GeneratedNames.registerType(owner.name)
        self.separator = separator
        typeName = GeneratedNames.registerType(register.name)
        var summary = "`\(register.name)` at \(location)"
        if let array = register.array { summary += ", \(array.count) elements \(SwiftLiteral.hex(array.stride)) bytes apart" }
        docLines = DocComment.lines(register.description, then: [summary + ": the same fields as `\(owner.name)`, so the same value type."])
        rawType = ""
        resetValue = ""
        writeOneActionMask = ""
        writeZeroActionMask = ""
        fields = []
        enums = []
        flagSets = []
        actions = []
        fieldSet = nil
        layoutReference = ""
        accessPlan = ""
        halfType = nil
    }

    /// Whether this register names another's value type instead of declaring its own.
    var isShared: Bool { sharedType != nil }

    /// Roughly the lines the register's type takes, for spreading types over files.
    var weight: Int {
        if isShared { return 1 + docLines.count }
        return 20 + docLines.count + fields.reduce(0) { $0 + 6 + $1.docLines.count }
            + enums.reduce(0) { $0 + ($1.isShared ? 2 : 26) + $1.cases.reduce(0) { $0 + 3 + $1.docLines.count } }
            + flagSets.reduce(0) { $0 + 20 + $1.flags.reduce(0) { $0 + 3 + $1.docLines.count } }
            + actions.reduce(0) { $0 + 16 + $1.options.count * 4 }
    }

    /// How the register as a whole may be accessed: a phrase for docs and the handle's marker type.
    static func access(_ register: RegisterSpec) -> (summary: String, marker: String) {
        switch (register.isReadable, register.isWritable) {
        case (true, true): ("read-write", "RegisterCore.ReadWrite")
        case (true, false): ("read-only", "RegisterCore.ReadOnly")
        case (false, _): ("write-only", "RegisterCore.WriteOnly")
        }
    }
}

/// One field's accessor.
struct FieldViewModel {
    let docLines: [String]
    /// The property name as declared (keywords in backticks).
    let name: String
    let type: String
    /// Expression reading the field out of `rawValue`.
    let getter: String
    /// Statement storing `newValue` into `rawValue`; nil unless writing stores the value
    /// (read-only and action fields have no setter).
    let setter: String?

    init(_ field: FieldSpec, rawType: String, registerWidth: Int) {
        let identifier = GeneratedNames.field(field.name)
        name = Spelling.member(identifier)
        let label = SwiftLiteral.escaped(field.name)
        let isFlags = !field.flags.isEmpty
        let isBool = field.bits.width == 1 && field.enumeration.isEmpty && !isFlags
        let isEnum = !field.enumeration.isEmpty
        let isWholeRegister = field.bits.width == registerWidth && field.enumeration.isEmpty && !isFlags
        type = isBool ? "Swift.Bool" : isEnum || isFlags ? GeneratedNames.enumType(field.name) : rawType
        let shift = field.bits.lsb
        let valueMask = SwiftLiteral.hex(field.bits.maxValue)
        let settable = field.access.storesWrittenValue
        if isWholeRegister {
            getter = "rawValue"
            setter = settable ? "rawValue = newValue" : nil
        } else if isBool {
            getter = "rawValue.bit(\(shift))"
            setter = settable ? "rawValue.setBit(\(shift), to: newValue)" : nil
        } else if isEnum || isFlags {
            getter = "\(GeneratedNames.enumType(field.name))(rawValue: rawValue.field(at: \(shift), mask: \(valueMask)))"
            setter = settable ? "rawValue.setField(at: \(shift), mask: \(valueMask), to: newValue.rawValue)" : nil
        } else {
            getter = "rawValue.field(at: \(shift), mask: \(valueMask))"
            setter = settable ? "rawValue.setField(at: \(shift), mask: \(valueMask), to: newValue, field: \"\(label)\")" : nil
        }
        let bits = field.bits.width == 1 ? "Bit \(field.bits.lsb)" : "Bits \(field.bits.msb):\(field.bits.lsb)"
        var summary = "\(bits), \(field.access.summary)"
        if field.reset != 0 { summary += ", resets to \(SwiftLiteral.hex(field.reset))" }
        docLines = field.isImplicit ? ["/// The whole register."] : DocComment.lines(field.description, then: [summary + "."])
    }
}

/// A field enumeration: one case per named value, plus `unknown` unless every pattern has a name.
struct EnumViewModel {
    struct Case {
        let docLines: [String]
        let name: String
        let value: String
    }

    let docLines: [String]
    let typeName: String
    let rawType: String
    let cases: [Case]
    let hasUnknown: Bool
    /// For a total enumeration, every value but the last case's maps by `switch`; the last is the default.
    let leadingCases: [Case]
    let lastCase: Case?
    let valueMask: String
    /// The expression for the field's entry in the device layout (for `description`).
    let layoutReference: String
    /// Instead of `layoutReference`, the lines of an expression that builds the layout.
    let layoutLines: [String]

    /// For a field whose values another field's enum already declares, that enum's full name.
    let sharedType: String?

    /// `typeName` and `property` (how the field is spelled in the doc comment) are for fields
    /// that are not register fields.
    init(
        _ field: FieldSpec, rawType: String, layoutReference: String, layoutLines: [String] = [], typeName: String? = nil,
        property: String? = nil
    ) {
        sharedType = nil
        self.layoutReference = layoutReference
        self.layoutLines = layoutLines
        self.typeName = typeName ?? GeneratedNames.enumType(field.name)
        self.rawType = rawType
        docLines = ["/// Values of `\(property ?? GeneratedNames.field(field.name))`."]
        cases = field.enumeration.map { item in
            let identifier = GeneratedNames.enumCase(item.name)
            return Case(
                docLines: DocComment.lines(item.description), name: Spelling.member(identifier), value: SwiftLiteral.hex(item.value))
        }
        hasUnknown = !field.enumerationIsTotal
        leadingCases = hasUnknown ? cases : Array(cases.dropLast())
        lastCase = hasUnknown ? nil : cases.last
        valueMask = SwiftLiteral.hex(field.bits.maxValue)
    }

    /// A field whose values are those of `sharedType`, declared for an earlier field.
    init(_ field: FieldSpec, sharing sharedType: String) {
        self.sharedType = sharedType
        typeName = GeneratedNames.enumType(field.name)
        docLines = ["/// Values of `\(GeneratedNames.field(field.name))`: the same as `\(sharedType)`."]
        rawType = ""
        cases = []
        hasUnknown = false
        leadingCases = []
        lastCase = nil
        valueMask = ""
        layoutReference = ""
        layoutLines = []
    }

    /// Whether this enum names another instead of declaring its own.
    var isShared: Bool { sharedType != nil }
}

/// A field whose bits are independent named flags: an `OptionSet` of the field's value.
struct FlagSetViewModel {
    struct Flag {
        let docLines: [String]
        let name: String
        let label: String
        let mask: String
    }

    let docLines: [String]
    let typeName: String
    let rawType: String
    let flags: [Flag]
    /// The bits that have names.
    let namedMask: String

    init(_ field: FieldSpec, rawType: String, typeName: String? = nil, property: String? = nil) {
        self.typeName = typeName ?? GeneratedNames.enumType(field.name)
        self.rawType = rawType
        docLines = ["/// The flags of `\(property ?? GeneratedNames.field(field.name))`, bits counted from the field's lowest."]
        flags = field.flags.map { flag in
            Flag(
                docLines: DocComment.lines(flag.description, then: ["Bit \(flag.value) of the field."]),
                name: Spelling.member(GeneratedNames.enumCase(flag.name)), label: SwiftLiteral.escaped(flag.name),
                mask: SwiftLiteral.hex(1 << flag.value))
        }
        namedMask = SwiftLiteral.hex(field.flags.reduce(0) { $0 | 1 << $1.value })
    }
}

/// Every field of a register as an option set (`Fields`), which its aliases' `set`, `clear`
/// and `toggle` take.
struct FieldSetViewModel {
    let typeName = "Fields"
    let purpose = "Fields as a set, for the actions of this register's aliases (`set`, `clear`, `toggle`)."
    let options: [ActionViewModel.Option]

    init(_ register: RegisterSpec) {
        options = register.fields.map(ActionViewModel.Option.init)
    }
}

/// `clear(_:)`, `set(_:)` or `toggle(_:)` and the option set of fields it acts on.
struct ActionViewModel {
    struct Option {
        let name: String
        let mask: String
        /// For a field of several bits: where its lowest bit is, to act on chosen bits only.
        let shift: Int?

        init(_ field: FieldSpec) {
            name = Spelling.member(GeneratedNames.field(field.name))
            mask = SwiftLiteral.hex(field.bits.mask)
            shift = field.bits.width > 1 ? field.bits.lsb : nil
        }
    }

    /// What the option set is for.
    var purpose: String { "Fields `\(method)(_:)` acts on." }

    let typeName: String
    let method: String
    let verb: String
    let options: [Option]
    /// Bits acted on by writing 1 (nil when none).
    let writeOnes: String?
    /// Bits acted on by writing 0 (nil when none).
    let writeZeros: String?

    static func all(for register: RegisterSpec, rawType: String) -> [ActionViewModel] {
        let groups: [(type: String, method: String, verb: String, one: AccessKind, zero: AccessKind)] = [
            ("Clearable", "clear", "Clears", .w1c, .w0c),
            ("Settable", "set", "Sets", .w1s, .w0s),
            ("Toggleable", "toggle", "Toggles", .w1t, .w0t),
        ]
        return groups.compactMap { group in
            let writesOne = { (access: AccessKind) in access == group.one || (group.one == .w1c && access == .rcW1c) }
            let fields = register.fields.filter { writesOne($0.access) || $0.access == group.zero }
            guard !fields.isEmpty else { return nil }
            let ones = fields.filter { writesOne($0.access) }.reduce(0) { $0 | $1.bits.mask }
            let zeros = fields.filter { $0.access == group.zero }.reduce(0) { $0 | $1.bits.mask }
            return ActionViewModel(
                typeName: group.type, method: group.method, verb: group.verb,
                options: fields.map(Option.init),
                writeOnes: ones == 0 ? nil : SwiftLiteral.hex(ones), writeZeros: zeros == 0 ? nil : SwiftLiteral.hex(zeros))
        }
    }
}
