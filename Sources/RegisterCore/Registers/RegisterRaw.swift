/// The raw integer of a register: 8, 16, 32 or 64 bits, read and written whole.
public protocol RegisterRaw: FixedWidthInteger, UnsignedInteger, Sendable {
    /// Reads a value of this width at `offset`.
    static func read(from bus: some RegisterBus, at offset: Int) -> Self
    /// Writes this value at `offset`.
    func write(to bus: some RegisterBus, at offset: Int)
}

extension UInt8: RegisterRaw {
    @inlinable @inline(__always)
    public static func read(from bus: some RegisterBus, at offset: Int) -> UInt8 { bus.read8(at: offset) }
    @inlinable @inline(__always)
    public func write(to bus: some RegisterBus, at offset: Int) { bus.write8(self, at: offset) }
}

extension UInt16: RegisterRaw {
    @inlinable @inline(__always)
    public static func read(from bus: some RegisterBus, at offset: Int) -> UInt16 { bus.read16(at: offset) }
    @inlinable @inline(__always)
    public func write(to bus: some RegisterBus, at offset: Int) { bus.write16(self, at: offset) }
}

extension UInt32: RegisterRaw {
    @inlinable @inline(__always)
    public static func read(from bus: some RegisterBus, at offset: Int) -> UInt32 { bus.read32(at: offset) }
    @inlinable @inline(__always)
    public func write(to bus: some RegisterBus, at offset: Int) { bus.write32(self, at: offset) }
}

extension UInt64: RegisterRaw {
    @inlinable @inline(__always)
    public static func read(from bus: some RegisterBus, at offset: Int) -> UInt64 { bus.read64(at: offset) }
    @inlinable @inline(__always)
    public func write(to bus: some RegisterBus, at offset: Int) { bus.write64(self, at: offset) }
}
