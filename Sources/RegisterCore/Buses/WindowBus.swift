/// A part of another bus's address space, from `base` on: a microcontroller's peripheral on a
/// bus that maps the whole chip (a simulator, a trace recorder), so its registers' offsets
/// start at 0.
public struct WindowBus<Base: RegisterBus>: RegisterBus {
    public let bus: Base
    /// Where offset 0 of the window is on `bus`.
    public let base: UInt

    @inlinable
    public init(_ bus: Base, base: UInt) {
        self.bus = bus
        self.base = base
    }

    @inlinable @inline(__always)
    func address(_ offset: Int) -> Int { Int(bitPattern: base &+ UInt(bitPattern: offset)) }

    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 { bus.read8(at: address(offset)) }
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 { bus.read16(at: address(offset)) }
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 { bus.read32(at: address(offset)) }
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 { bus.read64(at: address(offset)) }
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) { bus.write8(value, at: address(offset)) }
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) { bus.write16(value, at: address(offset)) }
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) { bus.write32(value, at: address(offset)) }
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) { bus.write64(value, at: address(offset)) }
}

extension WindowBus: Sendable where Base: Sendable {}
