/// A register's value: a plain struct over its raw integer, built, compared and printed
/// without touching hardware. Generated code gives each register one, with typed fields.
///
/// The requirements are few on purpose: every requirement costs each conforming type a
/// witness function, and a chip has thousands of registers. How a value prints is not one of
/// them: firmware gets no `description` it does not ask for; hosted code gets it from
/// `DriverRuntime.DescribedRegisterValue`, which generated code adopts where the runtime is.
public protocol RegisterValue: Sendable, Hashable {
    associatedtype Raw: RegisterRaw

    /// The bits as the hardware holds them.
    var rawValue: Raw { get }

    init(rawValue: Raw)

    /// The reset value, the action bits and how the value goes over the bus.
    static var traits: RegisterTraits { get }
}

/// What the runtime needs to know about a register's value besides its fields. Plain 64-bit
/// numbers, not `Raw`, so that building one is as cheap to compile as it is to run.
public struct RegisterTraits: Sendable {
    /// The register's value after reset.
    public var resetValue: UInt64
    /// Bits of fields that act when written as 1 (`w1c`, `w1s`, `w1t`).
    public var writeOneActionMask: UInt64
    /// Bits of fields that act when written as 0 (`w0c`, `w0s`, `w0t`).
    public var writeZeroActionMask: UInt64
    /// How the value goes over the bus: whole, or in parts when the device takes no access as
    /// wide as the register.
    public var accessPlan: RegisterAccessPlan

    @inlinable
    public init(resetValue: UInt64, writeOneActionMask: UInt64, writeZeroActionMask: UInt64, accessPlan: RegisterAccessPlan) {
        self.resetValue = resetValue
        self.writeOneActionMask = writeOneActionMask
        self.writeZeroActionMask = writeZeroActionMask
        self.accessPlan = accessPlan
    }
}

extension RegisterValue {
    /// The register's value after reset.
    @inlinable
    public static var resetValue: Raw { Raw(truncatingIfNeeded: traits.resetValue) }

    /// Bits of fields that act when written as 1 (`w1c`, `w1s`, `w1t`).
    @inlinable
    public static var writeOneActionMask: Raw { Raw(truncatingIfNeeded: traits.writeOneActionMask) }

    /// Bits of fields that act when written as 0 (`w0c`, `w0s`, `w0t`).
    @inlinable
    public static var writeZeroActionMask: Raw { Raw(truncatingIfNeeded: traits.writeZeroActionMask) }

    /// How the value goes over the bus.
    @inlinable
    public static var accessPlan: RegisterAccessPlan { traits.accessPlan }

    /// Values are equal when their bits are: a value is nothing but its raw integer.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
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
