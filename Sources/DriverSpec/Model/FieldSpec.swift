/// A bit range `msb:lsb` inside a register.
public struct BitRange: Sendable, Hashable, CustomStringConvertible {
    public var lsb: Int
    public var msb: Int

    public init(lsb: Int, msb: Int) {
        self.lsb = lsb
        self.msb = msb
    }

    public var width: Int { msb - lsb + 1 }

    /// The field's bits in place.
    public var mask: UInt64 {
        let ones: UInt64 = width >= 64 ? .max : (1 << UInt64(width)) - 1
        return ones << UInt64(lsb)
    }

    /// The largest value the field can hold.
    public var maxValue: UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }

    public var description: String { width == 1 ? "\(lsb)" : "\(msb):\(lsb)" }

    public func overlaps(_ other: BitRange) -> Bool { lsb <= other.msb && other.lsb <= msb }
}

/// A bitfield of a register.
public struct FieldSpec: Sendable {
    public var name: String
    public var bits: BitRange
    public var access: AccessKind
    /// The field's value after reset, not shifted.
    public var reset: UInt64
    public var description: String?
    /// Named values; empty when the field is a plain number.
    public var enumeration: [EnumCase]
    /// Independent named bits (their `value` is the bit's index in the field); empty unless the
    /// field is a set of flags.
    public var flags: [EnumCase]
    /// The synthetic `value` field of a register written without fields.
    public var isImplicit: Bool
    public var source: SourceMap

    public init(
        name: String, bits: BitRange, access: AccessKind, reset: UInt64, description: String?,
        enumeration: [EnumCase], flags: [EnumCase] = [], isImplicit: Bool, source: SourceMap
    ) {
        self.name = name
        self.bits = bits
        self.access = access
        self.reset = reset
        self.description = description
        self.enumeration = enumeration
        self.flags = flags
        self.isImplicit = isImplicit
        self.source = source
    }

    /// Whether every bit pattern of the field has a name.
    public var enumerationIsTotal: Bool {
        !enumeration.isEmpty && bits.width < 64 && UInt64(Set(enumeration.map(\.value)).count) == bits.maxValue + 1
    }
}

/// A named value of an enumerated field.
public struct EnumCase: Sendable {
    public var name: String
    public var value: UInt64
    public var description: String?
    public var source: SourceMap

    public init(name: String, value: UInt64, description: String?, source: SourceMap) {
        self.name = name
        self.value = value
        self.description = description
        self.source = source
    }
}
