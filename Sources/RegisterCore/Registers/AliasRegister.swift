/// A register value whose fields can be named as a set, for the actions of its aliases.
public protocol FieldSetRegisterValue: RegisterValue {
    /// The fields (and, for fields of several bits, chosen bits of them).
    associatedtype Fields: OptionSet where Fields.RawValue == Raw
}

/// What writing an alias address does to the state it shares.
public protocol AliasAction {}

/// Written 1 bits are set (NVMe's INTMS, e1000e's IMS and ICS): `set(_:)`.
public enum SetsOnes: AliasAction {}
/// Written 1 bits are cleared (NVMe's INTMC, e1000e's IMC): `clear(_:)`.
public enum ClearsOnes: AliasAction {}
/// Written 1 bits are toggled: `toggle(_:)`.
public enum TogglesOnes: AliasAction {}
/// The written value is stored: `write(_:)`.
public enum StoresValue: AliasAction {}
/// Writes do nothing: a read-only view.
public enum IgnoresWrites: AliasAction {}

/// Another address of a register's state, with access rules of its own: the same value type
/// as the register, and the one action the address performs, so `clear` can only be written
/// where writing 1 clears.
///
/// ```swift
/// let regs = E1000e.Registers(bus: InMemoryBus(size: 0x20000))
/// regs.interruptMaskSet.write { $0.set([.linkStatusChange, .other]) }  // IMS
/// regs.interruptMaskClear.clear(.linkStatusChange)                     // IMC, the same mask
/// ```
public struct AliasRegister<Value: FieldSetRegisterValue, Access: RegisterAccess, Action: AliasAction, Bus: RegisterBus> {
    public let bus: Bus
    /// Byte offset of the alias in its block.
    public let offset: Int

    @inlinable
    public init(bus: Bus, offset: Int) {
        self.bus = bus
        self.offset = offset
    }

    @inlinable @inline(__always)
    func writeRaw(_ raw: Value.Raw) {
        raw.write(to: bus, at: offset, plan: Value.accessPlan)
    }
}

extension AliasRegister: Sendable where Bus: Sendable {}

extension AliasRegister where Access: ReadableRegisterAccess {
    /// Reads the shared state through this address.
    @inlinable @inline(__always)
    public func read() -> Value {
        Value(rawValue: Value.Raw.read(from: bus, at: offset, plan: Value.accessPlan))
    }
}

extension AliasRegister where Action == SetsOnes {
    /// Sets `fields` (writes them as 1, every other bit 0).
    @inlinable @inline(__always)
    public func set(_ fields: Value.Fields) { writeRaw(fields.rawValue) }
}

extension AliasRegister where Action == ClearsOnes {
    /// Clears `fields` (writes them as 1, every other bit 0).
    @inlinable @inline(__always)
    public func clear(_ fields: Value.Fields) { writeRaw(fields.rawValue) }
}

extension AliasRegister where Action == TogglesOnes {
    /// Toggles `fields` (writes them as 1, every other bit 0).
    @inlinable @inline(__always)
    public func toggle(_ fields: Value.Fields) { writeRaw(fields.rawValue) }
}

extension AliasRegister where Action == StoresValue {
    /// Stores `value` in the shared state.
    @inlinable @inline(__always)
    public func write(_ value: Value) { writeRaw(value.rawValue) }
}
