/// A register value that prints its fields: `Name(0x0000_0003: FIELD: value, ...)`.
///
/// Generated code adopts it for every register value type in hosted builds
/// (`#if !hasFeature(Embedded)`), so Embedded Swift firmware, built on the register core
/// alone, carries no layout table and no formatting code.
public protocol DescribedRegisterValue: RegisterValue, CustomStringConvertible {
    /// The register as the layout describes it, if known: its fields' names, bits and value
    /// names give the value its `description`.
    static var registerLayout: RegisterLayout? { get }
}

extension DescribedRegisterValue {
    public static var registerLayout: RegisterLayout? { nil }

    /// `Name(0x0000_0003: FIELD: value, ...)`, fields as the layout gives them, or only the
    /// hex value without a layout.
    public var description: String {
        ValueFormatting.describe(String(describing: Self.self), raw: rawValue, layout: Self.registerLayout)
    }
}

/// A field enumeration that prints the spec's name of its value, or `unknown(0x...)`.
public protocol DescribedFieldEnumeration: FieldEnumeration, CustomStringConvertible {
    /// The field as the layout describes it, if known: its value names give `description`.
    static var fieldLayout: FieldLayout? { get }
}

extension DescribedFieldEnumeration {
    public static var fieldLayout: FieldLayout? { nil }

    /// The spec's name of the value, or `unknown(0x...)`.
    public var description: String {
        guard let field = Self.fieldLayout else { return "0x" + String(rawValue, radix: 16, uppercase: true) }
        return ValueFormatting.describe(UInt64(rawValue), of: field)
    }
}
