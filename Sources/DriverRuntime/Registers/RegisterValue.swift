/// A register's value: a plain struct over its raw integer, built, compared and printed
/// without touching hardware. Generated code gives each register one, with typed fields.
public protocol RegisterValue: Sendable, Hashable, CustomStringConvertible {
    associatedtype Raw: RegisterRaw

    /// The bits as the hardware holds them.
    var rawValue: Raw { get set }

    init(rawValue: Raw)

    /// The register's value after reset.
    static var resetValue: Raw { get }

    /// Bits of fields that act when written as 1 (`w1c`, `w1s`, `w1t`).
    static var writeOneActionMask: Raw { get }

    /// Bits of fields that act when written as 0 (`w0c`, `w0s`, `w0t`).
    static var writeZeroActionMask: Raw { get }

    /// How the value goes over the bus: whole, or in parts when the device takes no access as
    /// wide as the register.
    static var accessPlan: RegisterAccessPlan { get }
}

extension RegisterValue {
    /// One access of the register's width.
    @inlinable
    public static var accessPlan: RegisterAccessPlan { .whole }
}

extension RegisterValue {
    /// The reset value.
    @inlinable
    public static var reset: Self { Self(rawValue: resetValue) }

    /// This value with every action bit set to "no action": what a write may carry
    /// without clearing, setting or toggling anything the caller did not ask for.
    @inlinable @inline(__always)
    public var withActionsNeutral: Self {
        Self(rawValue: (rawValue & ~Self.writeOneActionMask) | Self.writeZeroActionMask)
    }
}
