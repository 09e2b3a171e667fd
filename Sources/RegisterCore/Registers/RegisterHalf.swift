/// A register whose device also takes accesses of half its width: its value in two halves
/// (NVMe's CAP or ASQ read as two 32-bit words, a 64-bit address written one half at a time).
public protocol HalfAccessibleRegisterValue: RegisterValue {
    /// The raw type of one half.
    associatedtype Half: RegisterRaw
}

/// One half of a register, read and written with one access of its width. Writing a half
/// leaves the other half alone: the device sees only those bytes.
public struct RegisterHalf<Half: RegisterRaw, Access: RegisterAccess, Bus: RegisterBus> {
    public let bus: Bus
    /// Byte offset of the half in its block.
    public let offset: Int

    @inlinable
    public init(bus: Bus, offset: Int) {
        self.bus = bus
        self.offset = offset
    }
}

extension RegisterHalf: Sendable where Bus: Sendable {}

extension RegisterHalf where Access: ReadableRegisterAccess {
    /// Reads the half once.
    @inlinable @inline(__always)
    public func read() -> Half { Half.read(from: bus, at: offset) }
}

extension RegisterHalf where Access: WritableRegisterAccess {
    /// Writes the half once, as given.
    @inlinable @inline(__always)
    public func write(_ value: Half) { value.write(to: bus, at: offset) }
}

extension Register where Value: HalfAccessibleRegisterValue {
    /// The lower-addressed half (bits 0 up to half the width).
    @inlinable
    public var lowHalf: RegisterHalf<Value.Half, Access, Bus> { RegisterHalf(bus: bus, offset: offset) }

    /// The higher-addressed half.
    @inlinable
    public var highHalf: RegisterHalf<Value.Half, Access, Bus> { RegisterHalf(bus: bus, offset: offset + Value.Half.bitWidth / 8) }
}
