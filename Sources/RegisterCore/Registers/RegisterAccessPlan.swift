/// How a register's value goes over the bus: in one access, or (when the device takes no access
/// as wide as the register) in parts, in a defined order.
public enum RegisterAccessPlan: Sendable, Equatable {
    /// One access of the register's width.
    case whole
    /// `partWidth`-bit accesses, the lowest-addressed first unless `highFirst`.
    case split(partWidth: Int, highFirst: Bool)
}

extension RegisterRaw {
    /// Reads a value of this width at `offset` as `plan` says.
    @inlinable @inline(__always)
    public static func read(from bus: some RegisterBus, at offset: Int, plan: RegisterAccessPlan) -> Self {
        guard case let .split(partWidth, highFirst) = plan else { return read(from: bus, at: offset) }
        let parts = bitWidth / partWidth
        var value: UInt64 = 0
        for step in 0..<parts {
            let part = highFirst ? parts - 1 - step : step
            value |= readPart(bus, offset + part * partWidth / 8, partWidth) << UInt64(part * partWidth)
        }
        return Self(truncatingIfNeeded: value)
    }

    /// Writes this value at `offset` as `plan` says.
    @inlinable @inline(__always)
    public func write(to bus: some RegisterBus, at offset: Int, plan: RegisterAccessPlan) {
        guard case let .split(partWidth, highFirst) = plan else { return write(to: bus, at: offset) }
        let parts = Self.bitWidth / partWidth
        let value = UInt64(truncatingIfNeeded: self)
        for step in 0..<parts {
            let part = highFirst ? parts - 1 - step : step
            Self.writePart(bus, offset + part * partWidth / 8, partWidth, value >> UInt64(part * partWidth))
        }
    }

    @inlinable @inline(__always)
    static func readPart(_ bus: some RegisterBus, _ offset: Int, _ width: Int) -> UInt64 {
        switch width {
        case 8: UInt64(bus.read8(at: offset))
        case 16: UInt64(bus.read16(at: offset))
        default: UInt64(bus.read32(at: offset))
        }
    }

    @inlinable @inline(__always)
    static func writePart(_ bus: some RegisterBus, _ offset: Int, _ width: Int, _ value: UInt64) {
        switch width {
        case 8: bus.write8(UInt8(truncatingIfNeeded: value), at: offset)
        case 16: bus.write16(UInt16(truncatingIfNeeded: value), at: offset)
        default: bus.write32(UInt32(truncatingIfNeeded: value), at: offset)
        }
    }
}
