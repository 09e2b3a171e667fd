import DriverSpec

/// Everything about a register that its value type is generated from, and nothing about where it
/// is: registers of equal shape get one value type (chips repeat registers: RP2040's clock
/// selectors and dividers, a DMA engine's channels), which the others name through a `typealias`.
struct RegisterShape: Hashable {
    private struct Field: Hashable {
        let name: String
        let lsb: Int
        let msb: Int
        let access: AccessKind
        let reset: UInt64
        let description: String?
        let enumeration: [NamedValueShape]
        let flags: [NamedValueShape]
        let isImplicit: Bool
    }

    private let description: String?
    private let width: Int
    private let access: AccessKind
    private let reset: UInt64
    private let accessWidths: [Int]
    private let accessOrder: AccessOrder
    private let isWriteOnly: Bool
    private let hasAliases: Bool
    private let fields: [Field]

    /// Hashes what tells most registers apart (width, reset, fields' names and bits), not the
    /// descriptions: hashing every description of a chip cost more than all the comparisons of
    /// the registers that hash alike. Equality still compares everything.
    func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(reset)
        hasher.combine(fields.count)
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.lsb)
            hasher.combine(field.msb)
        }
    }

    init(_ register: RegisterSpec, hasAliases: Bool) {
        description = register.description
        width = register.width
        access = register.access
        reset = register.reset
        accessWidths = register.accessWidths
        accessOrder = register.accessOrder
        isWriteOnly = register.isWriteOnly
        self.hasAliases = hasAliases
        fields = register.fields.map { field in
            Field(
                name: field.name, lsb: field.bits.lsb, msb: field.bits.msb, access: field.access, reset: field.reset,
                description: field.description,
                enumeration: field.enumeration.map { NamedValueShape($0) },
                flags: field.flags.map { NamedValueShape($0) },
                isImplicit: field.isImplicit)
        }
    }
}

/// Everything a field enumeration is generated from: fields with the same values, names and
/// descriptions, as wide as each other, share one enum; the others name it through a `typealias`.
struct EnumShape: Hashable {
    private let rawType: String
    private let width: Int
    private let cases: [NamedValueShape]

    init(_ field: FieldSpec, rawType: String) {
        self.rawType = rawType
        width = field.bits.width
        cases = field.enumeration.map(NamedValueShape.init)
    }
}

/// One enumeration value or flag, as far as generated code shows it.
private struct NamedValueShape: Hashable {
    let name: String
    let value: UInt64
    let description: String?

    init(_ item: EnumCase) {
        name = item.name
        value = item.value
        description = item.description
    }
}
