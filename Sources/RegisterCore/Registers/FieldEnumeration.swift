/// A field's named values, generated as a Swift enum (plus `unknown` for values without a
/// name). Equality and hashing come from here rather than from code the compiler would
/// derive for every one of a chip's enums; `description` comes from the hosted runtime
/// (`DriverRuntime.DescribedFieldEnumeration`).
public protocol FieldEnumeration: RawRepresentable, Hashable, Sendable where RawValue: RegisterRaw {
    /// Decodes a field value; every value decodes, unnamed ones as `unknown`.
    init(rawValue: RawValue)
}

extension FieldEnumeration {
    /// Values are equal when their raw values are.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
