import CVolatile

/// Registers mapped at a raw address, read and written with true volatile loads and stores:
/// each access is exactly one instruction the optimizer may not remove, merge or reorder with
/// other volatile accesses.
// Safe to share: the only stored value is the base address, which never changes; what it
// points at is device memory, reached only through single volatile loads and stores.
public struct PointerBus: RegisterBus, @unchecked Sendable {
    /// The address of offset 0.
    public let base: UnsafeMutableRawPointer

    @inlinable
    public init(base: UnsafeMutableRawPointer) {
        self.base = base
    }

    /// Registers at a fixed address, such as a microcontroller's peripheral; `address` must
    /// not be 0.
    @inlinable @inline(__always)
    public init(address: UInt) {
        self.base = UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    }

    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 { drivergen_volatile_load8(base + offset) }
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 { drivergen_volatile_load16(base + offset) }
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 { drivergen_volatile_load32(base + offset) }
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 { drivergen_volatile_load64(base + offset) }
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) { drivergen_volatile_store8(base + offset, value) }
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) { drivergen_volatile_store16(base + offset, value) }
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) { drivergen_volatile_store32(base + offset, value) }
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) { drivergen_volatile_store64(base + offset, value) }
}
