import Locking

/// Plain little-endian memory that records every access: for testing register code offline.
/// It applies no register semantics (a write stores what is written); the simulator does that.
public final class InMemoryBus: RegisterBus, Sendable {
    /// One recorded access.
    public struct Access: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable { case read, write }
        public var kind: Kind
        public var offset: Int
        /// Width in bits.
        public var width: Int
        public var value: UInt64

        public init(kind: Kind, offset: Int, width: Int, value: UInt64) {
            self.kind = kind
            self.offset = offset
            self.width = width
            self.value = value
        }

        public var description: String {
            "\(kind.rawValue)\(width) [\(ValueFormatting.hex(UInt32(truncatingIfNeeded: offset)))] = \(ValueFormatting.hex(value))"
        }
    }

    private struct State {
        var bytes: [UInt8]
        var accesses: [Access] = []
    }

    private let state: Locked<State>

    /// `size` bytes of zeros.
    public init(size: Int) {
        state = Locked(State(bytes: Array(repeating: 0, count: size)))
    }

    /// Every access so far, oldest first.
    public var accesses: [Access] { state.withLock { $0.accesses } }

    /// The writes so far, oldest first.
    public var writes: [Access] { accesses.filter { $0.kind == .write } }

    /// Forgets recorded accesses (memory is kept).
    public func clearAccesses() { state.withLock { $0.accesses.removeAll() } }

    /// Stores `value` without recording an access: for setting up a test.
    public func poke<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ value: T, at offset: Int) {
        state.withLock { Self.store(value, at: offset, in: &$0.bytes) }
    }

    /// Loads a value without recording an access: for checking a test's outcome.
    public func peek<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ type: T.Type, at offset: Int) -> T {
        state.withLock { Self.load(type, at: offset, from: $0.bytes) }
    }

    public func read8(at offset: Int) -> UInt8 { recordRead(UInt8.self, at: offset) }
    public func read16(at offset: Int) -> UInt16 { recordRead(UInt16.self, at: offset) }
    public func read32(at offset: Int) -> UInt32 { recordRead(UInt32.self, at: offset) }
    public func read64(at offset: Int) -> UInt64 { recordRead(UInt64.self, at: offset) }
    public func write8(_ value: UInt8, at offset: Int) { recordWrite(value, at: offset) }
    public func write16(_ value: UInt16, at offset: Int) { recordWrite(value, at: offset) }
    public func write32(_ value: UInt32, at offset: Int) { recordWrite(value, at: offset) }
    public func write64(_ value: UInt64, at offset: Int) { recordWrite(value, at: offset) }

    private func recordRead<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ type: T.Type, at offset: Int) -> T {
        state.withLock {
            let value = Self.load(type, at: offset, from: $0.bytes)
            $0.accesses.append(Access(kind: .read, offset: offset, width: T.bitWidth, value: UInt64(value)))
            return value
        }
    }

    private func recordWrite<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ value: T, at offset: Int) {
        state.withLock {
            Self.store(value, at: offset, in: &$0.bytes)
            $0.accesses.append(Access(kind: .write, offset: offset, width: T.bitWidth, value: UInt64(value)))
        }
    }

    private static func load<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ type: T.Type, at offset: Int, from bytes: [UInt8]) -> T {
        precondition(offset >= 0 && offset + T.bitWidth / 8 <= bytes.count, "access at \(offset) outside the bus")
        var value: T = 0
        for index in 0..<(T.bitWidth / 8) { value |= T(bytes[offset + index]) << (8 * index) }
        return value
    }

    private static func store<T: FixedWidthInteger & UnsignedInteger & Sendable>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        precondition(offset >= 0 && offset + T.bitWidth / 8 <= bytes.count, "access at \(offset) outside the bus")
        for index in 0..<(T.bitWidth / 8) { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }
}
