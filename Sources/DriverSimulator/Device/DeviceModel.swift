/// Behaviour beyond what the spec's access kinds describe: what a real device does when its
/// registers are read and written (QEMU edu computes factorials, runs DMA...). Hooks run with
/// the device locked, and change it through the `DeviceContext` they are given.
public protocol DeviceModel: Sendable {
    /// Sets the device up, at creation and at reset.
    func reset(_ device: inout DeviceContext)
    /// A driver read of BAR `bar`: return the value to answer instead of the register file's, or nil.
    func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64?
    /// A driver write: say what the register file does with it.
    func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling
}

extension DeviceModel {
    public func reset(_ device: inout DeviceContext) {}
    public func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64? { nil }
    public func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling { .apply }
}

/// What the register file does with a write a model saw.
public enum WriteHandling: Sendable, Equatable {
    /// Apply it with the register's access semantics.
    case apply
    /// Apply this value instead.
    case applyValue(UInt64)
    /// The model took care of it (or the device ignores it): the register file does nothing.
    case handled
}

/// No behaviour beyond the spec's access kinds.
struct RegisterFileOnly: DeviceModel {}
