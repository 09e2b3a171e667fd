/// A handle to one register: where it is (bus and offset) and what it holds (`Value`).
/// The handle is separate from the value, so values can be built and inspected offline.
public struct Register<Value: RegisterValue, Access: RegisterAccess, Bus: RegisterBus> {
    public let bus: Bus
    /// Byte offset of the register in its block.
    public let offset: Int

    @inlinable
    public init(bus: Bus, offset: Int) {
        self.bus = bus
        self.offset = offset
    }
}

extension Register: Sendable where Bus: Sendable {}

extension Register where Access: ReadableRegisterAccess {
    /// Reads the register once.
    @inlinable @inline(__always)
    public func read() -> Value {
        Value(rawValue: Value.Raw.read(from: bus, at: offset, plan: Value.accessPlan))
    }
}

extension Register where Access: WritableRegisterAccess {
    /// Writes `value` exactly as given.
    @inlinable @inline(__always)
    public func write(_ value: Value) {
        value.rawValue.write(to: bus, at: offset, plan: Value.accessPlan)
    }

    /// Writes a value built from the reset value, with every write-1 / write-0 action bit
    /// neutral unless `body` asks for the action (`clear`, `set`, `toggle`).
    @inlinable @inline(__always)
    public func write<Failure: Error>(_ body: (inout Value) throws(Failure) -> Void) throws(Failure) {
        var value = Value.reset.withActionsNeutral
        try body(&value)
        write(value)
    }
}

extension Register where Access == ReadWrite {
    /// Reads, lets `body` change the value, and writes it back once.
    ///
    /// Action bits read as set are written back neutral, so a read-modify-write never clears
    /// a pending write-1-to-clear flag (or sets, toggles...) that `body` did not ask for.
    @inlinable @inline(__always)
    @discardableResult
    public func modify<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        var value = read().withActionsNeutral
        let result = try body(&value)
        write(value)
        return result
    }
}
