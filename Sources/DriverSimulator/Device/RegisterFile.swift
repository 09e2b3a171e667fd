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
        /// The register's index in `registers`.
        let index: Int
        /// Where the element starts.
        let offset: Int
        /// Where its value is kept: its own slot, or for an alias its target's.
        let slot: Int
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
    /// Per register, its fields' access kinds as masks, so an access costs a few mask
    /// operations instead of a walk over the fields.
    private let behaviours: [RegisterBehaviour]
    /// Element start offsets to register indexes and value slots, arrays expanded.
    private let starts: OffsetTable
    /// Where a write-only register shares a read-only one's address: the element writes go to.
    private let writerStarts: [Int: Element]
    /// Per register, the value slot of each element.
    private let elementSlots: [[Int]]
    /// The largest element size, in bytes: how far back an access may start from its element.
    private let widestBytes: Int
    /// Reset values, per slot.
    private let resetValues: [UInt64]
    /// Element values, per slot.
    private var values: [UInt64]
    /// Bits of write-once fields already written, per slot.
    private var writtenOnce: [UInt64]

    init(registers: [RegisterLayout]) {
        self.registers = registers
        behaviours = registers.map(RegisterBehaviour.init)
        var starts: [Int: (index: Int, slot: Int)] = [:]
        var writers: [Int: (index: Int, slot: Int)] = [:]
        var slots = Array(repeating: [Int](), count: registers.count)
        var resets: [UInt64] = []
        for (index, register) in registers.enumerated() where register.aliasOf == nil {
            for element in 0..<register.count {
                let offset = register.offset(ofElement: element)
                let slot = resets.count
                resets.append(register.resetValue & register.widthMask)
                slots[index].append(slot)
                guard let existing = starts[offset] else {
                    starts[offset] = (index, slot)
                    continue
                }
                // A read-only and a write-only register at one address: reads answer with the
                // readable one, writes go to the writable one.
                if behaviours[existing.index].isReadable {
                    writers[offset] = (index, slot)
                } else {
                    starts[offset] = (index, slot)
                    writers[offset] = existing
                }
            }
        }
        // An alias keeps no value of its own: it shows its target's. At its target's own
        // address (a second view of one register) accesses take the target's rules.
        let indexByName = Dictionary(registers.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (index, register) in registers.enumerated() where register.aliasOf != nil {
            for element in 0..<register.count {
                let offset = register.offset(ofElement: element)
                let target = register.aliasOf.flatMap { indexByName[$0] }.flatMap { slots[$0].first }
                let slot = target ?? resets.count
                if target == nil { resets.append(register.resetValue & register.widthMask) }
                slots[index].append(slot)
                if starts[offset] == nil { starts[offset] = (index, slot) }
            }
        }
        self.starts = OffsetTable(starts.map { ($0.key, $0.value.index, $0.value.slot) })
        writerStarts = writers.mapValues { Element(index: $0.index, offset: 0, slot: $0.slot) }
        elementSlots = slots
        resetValues = resets
        values = resets
        writtenOnce = Array(repeating: 0, count: resets.count)
        widestBytes = registers.map { $0.width / 8 }.max() ?? 1
    }

    /// The layout of the register an element belongs to.
    func register(of element: Element) -> RegisterLayout { registers[element.index] }

    /// The element whose first byte is at `offset`.
    func element(at offset: Int) -> Element? {
        starts[offset].map { Element(index: $0.index, offset: offset, slot: $0.slot) }
    }

    /// The element an access of `width` bits at `offset` falls in, if the register takes that
    /// width there: naturally aligned, inside the element. `forWrite` picks the write-only
    /// register where one shares a read-only register's address.
    func access(at offset: Int, width: Int, forWrite: Bool = false) -> Access? {
        let bytes = width / 8
        var start = offset
        while start >= 0 && offset - start < widestBytes {
            if var (index, slot) = starts[start] {
                if forWrite, !writerStarts.isEmpty, let writer = writerStarts[start] {
                    (index, slot) = (writer.index, writer.slot)
                }
                let behaviour = behaviours[index]
                guard offset + bytes <= start + behaviour.bytes, behaviour.takes(width: width),
                    (offset - start) % bytes == 0
                else { return nil }
                let shift = UInt64((offset - start) * 8)
                return Access(
                    element: Element(index: index, offset: start, slot: slot), shift: shift, lanes: Self.ones(width) << shift, width: width)
            }
            start -= 1
        }
        return nil
    }

    /// Element `index` of the register with this spec name.
    func element(named name: String, index: Int = 0) -> Element? {
        guard let register = registers.firstIndex(where: { $0.name == name }), elementSlots[register].indices.contains(index) else { return nil }
        return Element(index: register, offset: registers[register].offset(ofElement: index), slot: elementSlots[register][index])
    }

    /// The stored value, without side effects.
    func peek(_ element: Element) -> UInt64 {
        values[element.slot]
    }

    /// Stores a value, without side effects.
    mutating func poke(_ element: Element, _ value: UInt64) {
        values[element.slot] = value & behaviours[element.index].widthMask
    }

    /// Back to reset values.
    mutating func reset() {
        values = resetValues
        writtenOnce = Array(repeating: 0, count: resetValues.count)
    }

    /// Whether software can read anything from the element's register.
    func isReadable(_ element: Element) -> Bool { behaviours[element.index].isReadable }

    /// Whether software can change anything in the element's register.
    func isWritable(_ element: Element) -> Bool { behaviours[element.index].isWritable }

    /// A read of the bytes `access` covers: their value (shifted down), with read side effects
    /// (`rc`, `rs`) applied to those bits only.
    mutating func read(_ access: Access) -> UInt64 {
        let behaviour = behaviours[access.element.index]
        let slot = access.element.slot
        let stored = values[slot]
        let after = (stored & ~(behaviour.clearedByRead & access.lanes)) | (behaviour.setByRead & access.lanes)
        if after != stored { values[slot] = after }
        return ((stored & ~behaviour.unreadable) >> access.shift) & Self.ones(access.width)
    }

    /// A write of `value` (the access's bits, unshifted) to the bytes `access` covers, applying
    /// each field's kind to those bits; returns the bits written, in place in the register.
    @discardableResult
    mutating func write(_ access: Access, _ value: UInt64) -> UInt64 {
        let behaviour = behaviours[access.element.index]
        let slot = access.element.slot
        let lanes = access.lanes
        let written = (value << access.shift) & lanes
        let old = values[slot]
        var new = old
        func put(_ mask: UInt64, _ part: UInt64) {
            let bits = mask & lanes
            new = (new & ~bits) | (part & bits)
        }
        put(behaviour.storesWritten, written)
        put(behaviour.clearsOnOne, old & ~written)
        put(behaviour.setsOnOne, old | written)
        put(behaviour.togglesOnOne, old ^ written)
        put(behaviour.clearsOnZero, old & written)
        put(behaviour.setsOnZero, old | ~written)
        put(behaviour.togglesOnZero, old ^ ~written)
        put(behaviour.clearsOnWrite, 0)
        put(behaviour.setsOnWrite, .max)
        let once = behaviour.writeOnce & lanes
        if once != 0 {
            let taken = writtenOnce[slot]
            // Each bit takes its first write only.
            put(once, (written & ~taken) | (old & taken))
            writtenOnce[slot] = taken | once
        }
        values[slot] = new & behaviour.widthMask
        return written
    }

    static func ones(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }
}

/// A register's fields folded into one mask per access kind.
private struct RegisterBehaviour {
    let widthMask: UInt64
    let bytes: Int
    /// Bit `n` set when the register takes accesses of `8 << n` bits.
    let widths: UInt8
    let isReadable: Bool
    let isWritable: Bool
    let unreadable: UInt64
    let clearedByRead: UInt64
    let setByRead: UInt64
    let storesWritten: UInt64
    let clearsOnOne: UInt64
    let setsOnOne: UInt64
    let togglesOnOne: UInt64
    let clearsOnZero: UInt64
    let setsOnZero: UInt64
    let togglesOnZero: UInt64
    let clearsOnWrite: UInt64
    let setsOnWrite: UInt64
    let writeOnce: UInt64

    init(_ register: RegisterLayout) {
        widthMask = register.widthMask
        bytes = register.width / 8
        widths = register.accessWidths.reduce(0) { $0 | Self.widthBit($1) }
        isReadable = !register.isWriteOnly && register.fields.contains { $0.access.isReadable }
        isWritable = register.fields.contains { $0.access.isWritable }
        func mask(_ kinds: Set<FieldAccess>) -> UInt64 { register.mask(of: kinds) }
        unreadable = register.fields.filter { !$0.access.isReadable }.reduce(0) { $0 | $1.mask }
        clearedByRead = mask([.rc, .rcW1c])
        setByRead = mask([.rs])
        storesWritten = mask([.rw, .wo])
        clearsOnOne = mask([.w1c, .rcW1c])
        setsOnOne = mask([.w1s])
        togglesOnOne = mask([.w1t])
        clearsOnZero = mask([.w0c])
        setsOnZero = mask([.w0s])
        togglesOnZero = mask([.w0t])
        clearsOnWrite = mask([.wc])
        setsOnWrite = mask([.ws])
        writeOnce = mask([.w1, .rw1])
    }

    func takes(width: Int) -> Bool { widths & Self.widthBit(width) != 0 }

    private static func widthBit(_ width: Int) -> UInt8 {
        switch width {
        case 8: 1
        case 16: 2
        case 32: 4
        case 64: 8
        default: 0
        }
    }
}
