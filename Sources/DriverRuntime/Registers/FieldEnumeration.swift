/// A field's named values, generated as a Swift enum (plus `unknown` for values without a
/// name). Equality, hashing and `description` come from here rather than from code the
/// compiler would derive for every one of a chip's enums.
public protocol FieldEnumeration: RawRepresentable, Hashable, Sendable, CustomStringConvertible where RawValue: RegisterRaw {
    /// Decodes a field value; every value decodes, unnamed ones as `unknown`.
    init(rawValue: RawValue)

    /// The field as the layout describes it, if known: its value names give `description`.
    static var fieldLayout: FieldLayout? { get }
}

extension FieldEnumeration {
    public static var fieldLayout: FieldLayout? { nil }

    /// The spec's name of the value, or `unknown(0x...)`.
    public var description: String {
        guard let field = Self.fieldLayout else { return "0x" + String(rawValue, radix: 16, uppercase: true) }
        return ValueFormatting.describe(UInt64(rawValue), of: field)
    }

    /// Values are equal when their raw values are.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
