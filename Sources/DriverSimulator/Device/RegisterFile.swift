import DriverRuntime

/// The registers of one BAR (or of config space's device-specific part), holding values and
/// applying every access kind on reads and writes.
struct RegisterFile {
    /// One register element: which register, which element of an array.
    struct Element {
        let register: RegisterLayout
        let offset: Int
    }

    let registers: [RegisterLayout]
    /// Element values; an element never written holds its reset value.
    private var values: [Int: UInt64] = [:]
    /// Bits of write-once fields already written, per element.
    private var writtenOnce: [Int: UInt64] = [:]

    init(registers: [RegisterLayout]) {
        self.registers = registers
    }

    /// The element whose first byte is at `offset`.
    func element(at offset: Int) -> Element? {
        for register in registers where offset >= register.offset {
            let distance = offset - register.offset
            if distance % register.stride == 0 && distance / register.stride < register.count {
                return Element(register: register, offset: offset)
            }
        }
        return nil
    }

    /// The first element of the register with this spec name.
    func element(named name: String) -> Element? {
        registers.first { $0.name == name }.map { Element(register: $0, offset: $0.offset) }
    }

    /// The stored value, without side effects.
    func peek(_ element: Element) -> UInt64 {
        values[element.offset] ?? element.register.resetValue
    }

    /// Stores a value, without side effects.
    mutating func poke(_ element: Element, _ value: UInt64) {
        values[element.offset] = value & element.register.widthMask
    }

    /// Back to reset values.
    mutating func reset() {
        values.removeAll()
        writtenOnce.removeAll()
    }

    /// Whether software can read anything from the register.
    static func isReadable(_ register: RegisterLayout) -> Bool {
        register.fields.contains { $0.access.isReadable }
    }

    /// Whether software can change anything in the register.
    static func isWritable(_ register: RegisterLayout) -> Bool {
        register.fields.contains { $0.access.isWritable }
    }

    /// A read: the value software sees, with read side effects (`rc`, `rs`) applied.
    mutating func read(_ element: Element) -> UInt64 {
        let register = element.register
        let stored = peek(element)
        var visible = stored
        var after = stored
        for (mask, access) in Self.parts(of: register) {
            if !access.isReadable { visible &= ~mask }
            if access == .rc || access == .rcW1c { after &= ~mask }
            if access == .rs { after |= mask }
        }
        if after != stored { values[element.offset] = after }
        return visible
    }

    /// A write of `value` (zero-extended to the register's width), applying each field's kind.
    mutating func write(_ element: Element, _ value: UInt64) {
        let register = element.register
        let old = peek(element)
        var new = old
        var once = writtenOnce[element.offset] ?? 0
        for (mask, access) in Self.parts(of: register) {
            let part: UInt64
            switch access {
            case .rw, .wo: part = value & mask
            case .ro, .rc, .rs: part = old & mask
            case .w1c, .rcW1c: part = old & ~value & mask
            case .w1s: part = (old | value) & mask
            case .w1t: part = (old ^ value) & mask
            case .w0c: part = old & value & mask
            case .w0s: part = (old | ~value) & mask
            case .w0t: part = (old ^ ~value) & mask
            case .wc: part = 0
            case .ws: part = mask
            case .w1, .rw1:
                if once & mask == 0 {
                    part = value & mask
                    once |= mask
                } else {
                    part = old & mask
                }
            }
            new = (new & ~mask) | part
        }
        writtenOnce[element.offset] = once
        values[element.offset] = new & register.widthMask
    }

    /// The register's fields as (mask, access). Bits no field covers are reserved: they read
    /// as stored and writes leave them alone (device behaviour may still set them).
    static func parts(of register: RegisterLayout) -> [(mask: UInt64, access: FieldAccess)] {
        register.fields.map { ($0.mask, $0.access) }
    }
}
