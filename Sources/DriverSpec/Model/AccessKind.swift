/// How software may access a register or field; names follow SystemRDL / OpenTitan usage.
public enum AccessKind: String, Sendable, CaseIterable, Codable {
    /// Read and write.
    case rw
    /// Read only; writes are ignored.
    case ro
    /// Write only; reads return nothing meaningful.
    case wo
    /// Read; writing 1 clears the bit.
    case w1c
    /// Read; writing 1 sets the bit.
    case w1s
    /// Read; writing 1 toggles the bit.
    case w1t
    /// Read; writing 0 clears the bit.
    case w0c
    /// Read; writing 0 sets the bit.
    case w0s
    /// Read; writing 0 toggles the bit.
    case w0t
    /// Read; any write clears the field.
    case wc
    /// Read; any write sets the field.
    case ws
    /// Read clears the field; writes are ignored.
    case rc
    /// Read sets the field; writes are ignored.
    case rs
    /// Write once, not readable.
    case w1
    /// Read, and write once.
    case rw1
    /// Reading clears the field, and so does writing 1 (Intel's RC/W1C: an interrupt cause
    /// register that a driver may clear either way).
    case rcW1c = "rc-w1c"

    /// Whether software can read the value.
    public var isReadable: Bool {
        switch self {
        case .wo, .w1: false
        default: true
        }
    }

    /// Whether a write can change the value.
    public var isWritable: Bool {
        switch self {
        case .ro, .rc, .rs: false
        default: true
        }
    }

    /// Whether a write stores the written value (as opposed to acting on the bits).
    public var storesWrittenValue: Bool {
        switch self {
        case .rw, .wo, .w1, .rw1: true
        default: false
        }
    }

    /// Whether reading changes the value.
    public var hasReadSideEffect: Bool { self == .rc || self == .rs || self == .rcW1c }

    /// The SystemRDL-style description used in generated documentation.
    public var summary: String {
        switch self {
        case .rw: "read-write"
        case .ro: "read-only"
        case .wo: "write-only"
        case .w1c: "write 1 to clear"
        case .w1s: "write 1 to set"
        case .w1t: "write 1 to toggle"
        case .w0c: "write 0 to clear"
        case .w0s: "write 0 to set"
        case .w0t: "write 0 to toggle"
        case .wc: "any write clears"
        case .ws: "any write sets"
        case .rc: "read clears"
        case .rs: "read sets"
        case .w1: "write once"
        case .rw1: "read, write once"
        case .rcW1c: "read clears, write 1 to clear"
        }
    }
}
