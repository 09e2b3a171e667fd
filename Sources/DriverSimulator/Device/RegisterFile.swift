import DriverRuntime

/// The registers of one BAR (or of config space's device-specific part), holding values and
/// applying every access kind on reads and writes.
///
/// An access narrower than a register, at an offset inside it aligned to the access's width,
/// touches only the bytes it covers, as PCIe byte enables do: a read returns those bytes, a
/// write changes only them, and access kinds and effects apply to the bits written. The access
/// must be of a width the register lists in `accessWidths`.
struct RegisterFile {
    /// One register element: which register, which element of an array.
    struct Element {
        let register: RegisterLayout
        /// Where the element starts.
        let offset: Int
        /// Where its value is kept: its own offset, or for an alias its target's.
        let storage: Int
    }

    /// A driver access resolved to the element it falls in.
    struct Access {
        let element: Element
        /// Bit position of the access's first byte in the element.
        let shift: UInt64
        /// The element's bits the access covers.
        let lanes: UInt64
        let width: Int
    }

    let registers: [RegisterLayout]
    /// Element start offsets to register indexes, arrays expanded.
    private let starts: [Int: Int]
    /// Where each alias keeps its value: its target's offset.
    private let aliasStorage: [String: Int]
    /// The largest element size, in bytes: how far back an access may start from its element.
    private let widestBytes: Int
    /// Element values; an element never written holds its reset value.
    private var values: [Int: UInt64] = [:]
    /// Bits of write-once fields already written, per element.
    private var writtenOnce: [Int: UInt64] = [:]

    init(registers: [RegisterLayout]) {
        self.registers = registers
        var starts: [Int: Int] = [:]
        for (index, register) in registers.enumerated() {
            for element in 0..<register.count where starts[register.offset(ofElement: element)] == nil {
                starts[register.offset(ofElement: element)] = index
            }
        }
        self.starts = starts
        widestBytes = registers.map { $0.width / 8 }.max() ?? 1
        let offsets = Dictionary(registers.map { ($0.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        aliasStorage = Dictionary(uniqueKeysWithValues: registers.compactMap { register in
            register.aliasOf.flatMap { offsets[$0] }.map { (register.name, $0) }
        })
    }

    private func element(_ register: RegisterLayout, at offset: Int) -> Element {
        Element(register: register, offset: offset, storage: register.aliasOf == nil ? offset : aliasStorage[register.name] ?? offset)
    }

    /// The element whose first byte is at `offset`.
    func element(at offset: Int) -> Element? {
        starts[offset].map { element(registers[$0], at: offset) }
    }

    /// The element an access of `width` bits at `offset` falls in, if the register takes that
    /// width there: naturally aligned, inside the element.
    func access(at offset: Int, width: Int) -> Access? {
        let bytes = width / 8
        var start = offset
        while start >= 0 && offset - start < widestBytes {
            if let index = starts[start] {
                let register = registers[index]
                guard offset + bytes <= start + register.width / 8, register.accessWidths.contains(width),
                      (offset - start) % bytes == 0 else { return nil }
                let shift = UInt64((offset - start) * 8)
                return Access(element: element(register, at: start), shift: shift, lanes: Self.ones(width) << shift, width: width)
            }
            start -= 1
        }
        return nil
    }

    /// Element `index` of the register with this spec name.
    func element(named name: String, index: Int = 0) -> Element? {
        registers.first { $0.name == name }.map { element($0, at: $0.offset(ofElement: index)) }
    }

    /// The stored value, without side effects.
    func peek(_ element: Element) -> UInt64 {
        values[element.storage] ?? element.register.resetValue
    }

    /// Stores a value, without side effects.
    mutating func poke(_ element: Element, _ value: UInt64) {
        values[element.storage] = value & element.register.widthMask
    }

    /// Back to reset values.
    mutating func reset() {
        values.removeAll()
        writtenOnce.removeAll()
    }

    /// Whether software can read anything from the register.
    static func isReadable(_ register: RegisterLayout) -> Bool {
        !register.isWriteOnly && register.fields.contains { $0.access.isReadable }
    }

    /// Whether software can change anything in the register.
    static func isWritable(_ register: RegisterLayout) -> Bool {
        register.fields.contains { $0.access.isWritable }
    }

    /// A read of the bytes `access` covers: their value (shifted down), with read side effects
    /// (`rc`, `rs`) applied to those bits only.
    mutating func read(_ access: Access) -> UInt64 {
        let element = access.element
        let stored = peek(element)
        var visible = stored
        var after = stored
        for field in element.register.fields {
            let mask = field.mask & access.lanes
            if !field.access.isReadable { visible &= ~field.mask }
            if field.access == .rc || field.access == .rcW1c { after &= ~mask }
            if field.access == .rs { after |= mask }
        }
        if after != stored { values[element.storage] = after }
        return (visible >> access.shift) & Self.ones(access.width)
    }

    /// A write of `value` (the access's bits, unshifted) to the bytes `access` covers, applying
    /// each field's kind to those bits; returns the bits written, in place in the register.
    @discardableResult
    mutating func write(_ access: Access, _ value: UInt64) -> UInt64 {
        let element = access.element
        let written = (value << access.shift) & access.lanes
        let old = peek(element)
        var new = old
        var once = writtenOnce[element.storage] ?? 0
        for field in element.register.fields {
            let mask = field.mask & access.lanes
            guard mask != 0 else { continue }
            let part: UInt64
            switch field.access {
            case .rw, .wo: part = written & mask
            case .ro, .rc, .rs: part = old & mask
            case .w1c, .rcW1c: part = old & ~written & mask
            case .w1s: part = (old | written) & mask
            case .w1t: part = (old ^ written) & mask
            case .w0c: part = old & written & mask
            case .w0s: part = (old | ~written) & mask
            case .w0t: part = (old ^ ~written) & mask
            case .wc: part = 0
            case .ws: part = mask
            case .w1, .rw1:
                part = (written & mask & ~once) | (old & mask & once)  // each bit takes its first write only
                once |= mask
            }
            new = (new & ~mask) | part
        }
        writtenOnce[element.storage] = once
        values[element.storage] = new & element.register.widthMask
        return written
    }

    static func ones(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }
}
