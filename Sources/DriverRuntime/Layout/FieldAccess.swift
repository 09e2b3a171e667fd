/// How software may access a field, as the spec said; the simulator applies it.
public enum FieldAccess: String, Sendable, CaseIterable {
    case rw, ro, wo, w1c, w1s, w1t, w0c, w0s, w0t, wc, ws, rc, rs, w1, rw1
    /// Reading clears, and so does writing 1.
    case rcW1c = "rc-w1c"

    /// Whether software can read the field.
    public var isReadable: Bool { self != .wo && self != .w1 }

    /// Whether a write can change the field.
    public var isWritable: Bool { self != .ro && self != .rc && self != .rs }
}
