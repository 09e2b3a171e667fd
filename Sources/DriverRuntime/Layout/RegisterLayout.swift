/// Static description of a register, carried by generated code for the simulator and tools.
public struct RegisterLayout: Sendable, Equatable {
    public let name: String
    /// Byte offset of element 0.
    public let offset: Int
    /// Width in bits.
    public let width: Int
    /// 1 for a single register.
    public let count: Int
    /// Bytes between array elements.
    public let stride: Int
    /// Access sizes in bits the device accepts here.
    public let accessWidths: [Int]
    public let resetValue: UInt64
    /// The fields; bits no field covers are reserved: writes leave them alone.
    public let fields: [FieldLayout]
    public let effect: RegisterEffectLayout?
    /// The register whose state this address also shows: the simulator keeps one storage.
    public let aliasOf: String?
    /// An alias that cannot be read.
    public let isWriteOnly: Bool

    public init(
        name: String, offset: Int, width: Int, count: Int = 1, stride: Int = 0, accessWidths: [Int],
        resetValue: UInt64, fields: [FieldLayout], effect: RegisterEffectLayout? = nil, aliasOf: String? = nil, isWriteOnly: Bool = false
    ) {
        self.name = name
        self.offset = offset
        self.width = width
        self.count = count
        self.stride = stride == 0 ? width / 8 : stride
        self.accessWidths = accessWidths
        self.resetValue = resetValue
        self.fields = fields
        self.effect = effect
        self.aliasOf = aliasOf
        self.isWriteOnly = isWriteOnly
    }

    /// All bits of the register.
    public var widthMask: UInt64 { width == 64 ? .max : (1 << UInt64(width)) - 1 }

    /// Byte offset of element `index`.
    public func offset(ofElement index: Int) -> Int { offset + index * stride }

    /// The bits of fields with access `kind`.
    public func mask(of kinds: Set<FieldAccess>) -> UInt64 {
        fields.reduce(0) { kinds.contains($1.access) ? $0 | $1.mask : $0 }
    }
}

/// A field: its bits in place, its access kind and the names the spec gives its values.
public struct FieldLayout: Sendable, Equatable {
    public let name: String
    public let mask: UInt64
    public let access: FieldAccess
    public let names: FieldNames

    public init(name: String, mask: UInt64, access: FieldAccess, names: FieldNames = .none) {
        self.name = name
        self.mask = mask
        self.access = access
        self.names = names
    }

    /// Where the field's lowest bit is.
    public var shift: Int { mask.trailingZeroBitCount }

    /// The field's value (its bits, shifted down) in `raw`.
    public func value(in raw: UInt64) -> UInt64 { (raw & mask) >> UInt64(shift) }
}

/// Names for a field's values, as the spec gives them.
public enum FieldNames: Sendable, Equatable {
    /// A number, or a flag when the field is one bit.
    case none
    /// An enumeration: names of whole values.
    case values([NamedValue])
    /// Independent flags: names of bits, counted from the field's lowest.
    case flags([NamedValue])
}

/// A value (or bit number) and its name.
public struct NamedValue: Sendable, Equatable {
    public let value: UInt64
    public let name: String

    public init(_ value: UInt64, _ name: String) {
        self.value = value
        self.name = name
    }
}

/// A write to the register sets or clears the written 1 bits in `target`.
public struct RegisterEffectLayout: Sendable, Equatable {
    public enum Kind: String, Sendable { case sets, clears }
    public let kind: Kind
    public let target: String

    public init(kind: Kind, target: String) {
        self.kind = kind
        self.target = target
    }
}
