/// `count` registers of one kind, `stride` bytes apart, indexed with bounds checks.
public struct RegisterArray<Value: RegisterValue, Access: RegisterAccess, Bus: RegisterBus> {
    public let bus: Bus
    /// Byte offset of element 0.
    public let offset: Int
    public let count: Int
    /// Bytes between elements.
    public let stride: Int

    @inlinable
    public init(bus: Bus, offset: Int, count: Int, stride: Int) {
        self.bus = bus
        self.offset = offset
        self.count = count
        self.stride = stride
    }

    /// Valid element indices.
    @inlinable
    public var indices: Range<Int> { 0..<count }

    /// Element `index`; traps when `index` is out of range.
    @inlinable
    public subscript(index: Int) -> Register<Value, Access, Bus> {
        precondition(index >= 0 && index < count, "register array index out of range")
        return Register(bus: bus, offset: offset + index * stride)
    }
}

extension RegisterArray: Sendable where Bus: Sendable {}
