/// One register (or a register array) in a BAR or in configuration space.
public struct RegisterSpec: Sendable {
    /// The register's name in the device. In a microcontroller's peripheral it is
    /// `PERIPHERAL_REGISTER`, unique in the device (value types are named after it), and the
    /// name written in the peripheral is `memberName`.
    public var name: String
    /// The name written in a microcontroller's peripheral, which names the register's handle
    /// in the peripheral's block; nil elsewhere.
    public var memberName: String?
    /// Byte offset in its BAR (or in configuration space).
    public var offset: UInt64
    /// Width in bits: 8, 16, 32 or 64.
    public var width: Int
    /// The register-level access kind, the default for its fields.
    public var access: AccessKind
    /// The value after reset, composed from the register and field resets.
    public var reset: UInt64
    public var description: String?
    /// Set when the register is an array of identical registers.
    public var array: RegisterArray?
    /// Access sizes in bits the device accepts at this register. Without `width` among them the
    /// register is split: read and written as several accesses of the widest one, in `accessOrder`.
    public var accessWidths: [Int]
    /// The order of the accesses of a split register.
    public var accessOrder: AccessOrder
    /// What a write to this register does to another register.
    public var effect: RegisterEffect?
    /// The register whose state this address also shows (NVMe's INTMC beside INTMS); the alias
    /// shares its width, reset and fields, and acts on them with its own `access`.
    public var aliasOf: String?
    /// An alias that cannot be read (reads answer all ones; its handle has no `read()`).
    public var isWriteOnly: Bool
    /// The fields, lowest bit first. A register written without fields has one implicit field `value`.
    public var fields: [FieldSpec]
    public var source: SourceMap

    public init(
        name: String, offset: UInt64, width: Int, access: AccessKind, reset: UInt64,
        description: String?, array: RegisterArray?, accessWidths: [Int], accessOrder: AccessOrder = .lowFirst,
        effect: RegisterEffect?, aliasOf: String? = nil, isWriteOnly: Bool = false, fields: [FieldSpec], source: SourceMap
    ) {
        self.name = name
        self.offset = offset
        self.width = width
        self.access = access
        self.reset = reset
        self.description = description
        self.array = array
        self.accessWidths = accessWidths
        self.accessOrder = accessOrder
        self.effect = effect
        self.aliasOf = aliasOf
        self.isWriteOnly = isWriteOnly
        self.fields = fields
        self.source = source
    }

    /// Whether the device takes no access as wide as the register: it is read and written in parts.
    public var isSplit: Bool { !accessWidths.contains(width) }

    /// The width of each part of a split register (the widest access the device takes).
    public var partWidth: Int? { isSplit ? accessWidths.filter { $0 < width }.max() : nil }

    /// Size of one element in bytes.
    public var byteWidth: UInt64 { UInt64(width / 8) }

    /// Bytes from the first element's start to the last element's end.
    public var span: UInt64 {
        guard let array else { return byteWidth }
        return array.stride * UInt64(array.count - 1) + byteWidth
    }

    /// All bits of the register.
    public var widthMask: UInt64 { width == 64 ? .max : (1 << UInt64(width)) - 1 }

    /// Whether any field can be read.
    public var isReadable: Bool { !isWriteOnly && fields.contains { $0.access.isReadable } }

    /// Whether any field can be written.
    public var isWritable: Bool { fields.contains { $0.access.isWritable } }

    /// True when the spec gave no fields and `value` stands for the whole register.
    public var hasImplicitField: Bool { fields.count == 1 && fields[0].isImplicit }

    /// The field with this spec name.
    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// Byte offsets of each element.
    public var elementOffsets: [UInt64] {
        guard let array else { return [offset] }
        return (0..<UInt64(array.count)).map { offset + $0 * array.stride }
    }
}

/// The order in which the parts of a split register are accessed.
public enum AccessOrder: String, Sendable, CaseIterable {
    /// The lowest-addressed part first (Linux's `lo_hi` helpers): the default.
    case lowFirst = "low-first"
    /// The highest part first, for devices that latch the whole value on the low part.
    case highFirst = "high-first"
}

/// `count` registers, `stride` bytes apart.
public struct RegisterArray: Sendable, Equatable {
    public var count: Int
    public var stride: UInt64

    /// The spec's `stride` could not be read (an error says why): the elements are left out of
    /// layout checks rather than placed at a guessed stride.
    public var strideIsUnreadable: Bool

    public init(count: Int, stride: UInt64, strideIsUnreadable: Bool = false) {
        self.count = count
        self.stride = stride
        self.strideIsUnreadable = strideIsUnreadable
    }
}

/// A write to one register changes bits of another (QEMU edu's 0x60/0x64, NVMe's INTMS/INTMC).
public struct RegisterEffect: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The written 1 bits are set in the target.
        case sets
        /// The written 1 bits are cleared in the target.
        case clears
    }

    public var kind: Kind
    /// The target register's spec name.
    public var target: String
    public var source: SourceMap

    public init(kind: Kind, target: String, source: SourceMap) {
        self.kind = kind
        self.target = target
        self.source = source
    }
}
