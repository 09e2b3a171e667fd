import CVolatile

/// What a generated ring tells the runtime about itself: its entry structure and the entry
/// counts it allows (`rings:` in a spec).
public protocol RingLayout {
    associatedtype Entry: DMAStructure
    /// The ring's name in the spec, for messages.
    static var name: String { get }
    /// The entry counts the device accepts.
    static var entryCounts: RingEntryCounts { get }
}

/// A ring whose entries say when they are ready: a phase tag (the writer sets it to the ring's
/// current phase, which flips at every wrap) or a done bit (the device sets it when finished).
public protocol ReadinessRingLayout: RingLayout {
    /// Whether the entry at `pointer` is ready, given the phase the reader expects (a done
    /// bit ignores it). Reads only the tag or bit.
    static func isReady(entryAt pointer: UnsafeRawPointer, phase: Bool) -> Bool
}

/// The entry counts a ring may have.
public struct RingEntryCounts: Sendable, Equatable, CustomStringConvertible {
    public var minimum: Int
    public var maximum: Int
    public var powerOfTwo: Bool
    public var multipleOf: Int

    public init(minimum: Int, maximum: Int, powerOfTwo: Bool, multipleOf: Int) {
        self.minimum = minimum
        self.maximum = maximum
        self.powerOfTwo = powerOfTwo
        self.multipleOf = multipleOf
    }

    /// Why `count` is not allowed, or nil.
    @inlinable
    public func refusal(of count: Int) -> String? {
        if count < minimum || count > maximum { return "\(count) entries is outside \(minimum)...\(maximum)" }
        if powerOfTwo && count & (count - 1) != 0 { return "\(count) entries is not a power of two" }
        if count % multipleOf != 0 { return "\(count) entries is not a multiple of \(multipleOf)" }
        return nil
    }

    public var description: String {
        var rule = "\(minimum)...\(maximum) entries"
        if powerOfTwo { rule += ", a power of two" }
        if multipleOf > 1 { rule += ", a multiple of \(multipleOf)" }
        return rule
    }
}

/// Checks a ring's entry count and buffer; the error says what is wrong.
@usableFromInline
func checkRing<Layout: RingLayout>(_ layout: Layout.Type, buffer: DMABuffer, count: Int) throws(PCIError) {
    if let refusal = Layout.entryCounts.refusal(of: count) {
        throw .driverFailed("ring '\(Layout.name)': \(refusal) (it allows \(Layout.entryCounts))")
    }
    let needed = count * Layout.Entry.size
    guard buffer.length >= needed else {
        throw .driverFailed("ring '\(Layout.name)': \(count) entries of \(Layout.Entry.size) bytes need \(needed) bytes; the buffer has \(buffer.length)")
    }
}

/// A ring the driver fills and the device consumes: a submission queue, a transmit ring.
///
/// `push` fills the entry at the tail (from zero) in DMA memory; `ringDoorbell()` tells the
/// device, after a write barrier, so the entries are in memory before the doorbell store. One
/// slot stays empty, to tell a full ring from an empty one. The device's progress comes back
/// through `deviceConsumed(upTo:)` (NVMe's SQ head in a completion, e1000e's TDH) or, for a
/// ring with a done bit, through `reclaim`.
///
/// The hot paths (`push`, `ringDoorbell`, `reclaim`) are inlinable: specialized for the
/// generated entry type, they cost what stores at hand-written offsets cost (benchmarks.md).
public struct ProducerRing<Layout: RingLayout> {
    /// The ring's memory: `count` entries from its start.
    public let buffer: DMABuffer
    public let count: Int
    /// The first entry's address: the init checked that `count` entries fit the buffer, so a
    /// slot needs no bounds check, only the buffer's released check.
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline var nextSlot = 0
    @usableFromInline var oldestSlot = 0
    @usableFromInline let writeDoorbell: (Int) -> Void
    @usableFromInline let readDeviceIndex: (() -> Int)?

    /// A ring of `count` entries in `buffer`; `doorbell` writes the tail to the device;
    /// `deviceIndex`, when the device has one, reads how far it has consumed (its head).
    public init(buffer: DMABuffer, count: Int, doorbell: @escaping (Int) -> Void, deviceIndex: (() -> Int)? = nil) throws(PCIError) {
        try checkRing(Layout.self, buffer: buffer, count: count)
        self.buffer = buffer
        self.count = count
        base = buffer.pointer(to: 0, count: count * Layout.Entry.size)
        writeDoorbell = doorbell
        readDeviceIndex = deviceIndex
    }

    /// The next slot `push` fills.
    @inlinable public var tail: Int { nextSlot }
    /// The oldest slot the device may still own.
    @inlinable public var head: Int { oldestSlot }
    /// Entries pushed that the device has not given back.
    @inlinable public var inFlight: Int { nextSlot >= oldestSlot ? nextSlot - oldestSlot : nextSlot + count - oldestSlot }
    /// Whether `push` would find no free slot.
    @inlinable public var isFull: Bool { slot(after: nextSlot) == oldestSlot }

    /// The slot after `slot`, wrapping; the wrap is the rare case (a branch, not a
    /// conditional move, so the slot is not a chain of dependent instructions).
    @inlinable @inline(__always)
    func slot(after slot: Int) -> Int {
        let next = slot + 1
        return _slowPath(next == count) ? 0 : next
    }

    /// Fills the slot at the tail from a zeroed entry and moves the tail; returns the slot.
    /// The device sees it after `ringDoorbell()`.
    @inlinable @inline(__always) @discardableResult
    public mutating func push(_ fill: (inout Layout.Entry) -> Void) throws(PCIError) -> Int {
        try push(1) { entry, _ in fill(&entry) }
    }

    /// Fills `entries` slots from the tail, each from a zeroed entry (`fill` gets the entry and
    /// its position in the batch), and moves the tail past them; returns the first slot. Throws,
    /// filling nothing, when fewer slots are free. The tail stays in a register for the whole
    /// batch, as in `ConsumerRing.takeReady`.
    @inlinable @discardableResult
    public mutating func push(_ entries: Int, _ fill: (inout Layout.Entry, _ position: Int) -> Void) throws(PCIError) -> Int {
        precondition(entries >= 0, "ring '\(Layout.name)': \(entries) entries")
        guard entries <= count - 1 - inFlight else { throw Self.fullError(count: count) }
        buffer.checkNotReleased()
        let first = nextSlot
        var slot = first
        for position in 0..<entries {
            var entry = Layout.Entry()
            fill(&entry, position)
            entry.store(to: base + slot &* Layout.Entry.size)
            slot = self.slot(after: slot)
        }
        nextSlot = slot
        return first
    }

    // Static, with only the count: a method on the ring would keep the whole ring in memory,
    // updated on every push, for this cold path.
    @usableFromInline static func fullError(count: Int) -> PCIError {
        .driverFailed("ring '\(Layout.name)' is full (\(count - 1) entries in flight)")
    }

    /// Makes what was pushed visible to the device, then writes the tail to the doorbell.
    @inlinable
    public func ringDoorbell() {
        DMABarrier.beforeDoorbell()
        writeDoorbell(nextSlot)
    }

    /// The device has consumed every entry before `head`.
    @inlinable
    public mutating func deviceConsumed(upTo head: Int) {
        precondition(head >= 0 && head < count, "ring '\(Layout.name)': head \(head) is outside its \(count) entries")
        oldestSlot = head
    }

    /// Reads the device's index register (the ring's `device-index`) and takes it as the head;
    /// false when the ring has none, or it reads outside the ring (all ones: the device is gone).
    @discardableResult
    public mutating func updateFromDevice() -> Bool {
        guard let index = readDeviceIndex?(), index >= 0, index < count else { return false }
        oldestSlot = index
        return true
    }

    /// The entry in `slot`, as it is in memory now.
    @inlinable
    public func entry(at slot: Int) -> Layout.Entry {
        precondition(slot >= 0 && slot < count, "ring '\(Layout.name)': slot \(slot) is outside its \(count) entries")
        return buffer.load(Layout.Entry.self, at: slot)
    }
}

extension ProducerRing where Layout: ReadinessRingLayout {
    /// Gives back, oldest first, each entry the device has marked done, and frees its slot;
    /// stops at the first one not done. Returns how many.
    @inlinable @discardableResult
    public mutating func reclaim(_ body: (_ entry: Layout.Entry, _ slot: Int) -> Void = { _, _ in }) -> Int {
        buffer.checkNotReleased()
        // The slot in a local: the read barrier makes the compiler reload whatever is in memory.
        var oldest = oldestSlot, reclaimed = 0
        defer { oldestSlot = oldest }
        while oldest != nextSlot {
            let pointer = UnsafeRawPointer(base + oldest &* Layout.Entry.size)
            guard Layout.isReady(entryAt: pointer, phase: true) else { break }
            DMABarrier.afterReadyCheck()
            body(Layout.Entry(loadingFrom: pointer), oldest)
            oldest = slot(after: oldest)
            reclaimed += 1
        }
        return reclaimed
    }
}

/// A ring the device fills and the driver consumes: a completion queue.
///
/// `next()` looks at the entry at the head: when it is ready (its phase tag matches, or its done
/// bit is set), it reads it, after a read barrier, moves the head and, at the wrap, flips the
/// expected phase. `ringDoorbell()` tells the device how far the driver has read.
public struct ConsumerRing<Layout: ReadinessRingLayout> {
    public let buffer: DMABuffer
    public let count: Int
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline var nextSlot = 0
    @usableFromInline var currentPhase = true
    @usableFromInline let writeDoorbell: (Int) -> Void

    /// A ring of `count` entries in `buffer` (which should be zeroed); `doorbell` writes the
    /// head to the device.
    public init(buffer: DMABuffer, count: Int, doorbell: @escaping (Int) -> Void) throws(PCIError) {
        try checkRing(Layout.self, buffer: buffer, count: count)
        self.buffer = buffer
        self.count = count
        base = buffer.pointer(to: 0, count: count * Layout.Entry.size)
        writeDoorbell = doorbell
    }

    /// The next slot `next()` looks at.
    @inlinable public var head: Int { nextSlot }
    /// The phase tag new entries carry in this pass (NVMe: 1 in the first pass over zeroed memory).
    @inlinable public var phase: Bool { currentPhase }

    /// The next ready entry, or nil when the device has written none.
    @inlinable @inline(__always)
    public mutating func next() -> Layout.Entry? {
        buffer.checkNotReleased()
        let pointer = UnsafeRawPointer(base + nextSlot &* Layout.Entry.size)
        guard Layout.isReady(entryAt: pointer, phase: currentPhase) else { return nil }
        DMABarrier.afterReadyCheck()
        let entry = Layout.Entry(loadingFrom: pointer)
        nextSlot += 1
        if _slowPath(nextSlot == count) {
            nextSlot = 0
            currentPhase.toggle()
        }
        return entry
    }

    /// Takes every ready entry, oldest first, gives each to `body` with its slot, and returns
    /// how many; then call `ringDoorbell()` once, as a driver does after draining a completion
    /// queue. The head and phase stay in registers for the whole drain (`next()` in a loop
    /// keeps them in the ring, in memory, reloaded after every read barrier).
    @inlinable @discardableResult
    public mutating func takeReady(_ body: (_ entry: Layout.Entry, _ slot: Int) -> Void) -> Int {
        buffer.checkNotReleased()
        var slot = nextSlot, phase = currentPhase, taken = 0
        defer {
            nextSlot = slot
            currentPhase = phase
        }
        while true {
            let pointer = UnsafeRawPointer(base + slot &* Layout.Entry.size)
            guard Layout.isReady(entryAt: pointer, phase: phase) else { break }
            DMABarrier.afterReadyCheck()
            body(Layout.Entry(loadingFrom: pointer), slot)
            // Neither can overflow: slot < count, and taken counts entries of one memory.
            slot &+= 1
            if _slowPath(slot == count) {
                slot = 0
                phase.toggle()
            }
            taken &+= 1
        }
        return taken
    }

    /// Writes the head to the device's doorbell: the slots before it are free again.
    @inlinable
    public func ringDoorbell() {
        writeDoorbell(nextSlot)
    }
}

/// Reads the bit that tells whether a ring entry is ready, with a volatile load: the device
/// writes it behind the compiler's back, so a loop that polls it must load it every time.
public enum RingReadiness {
    /// Bit `bit` of the `width`-bit unit at byte `offset` of the entry at `pointer`.
    @inlinable
    public static func bit(at pointer: UnsafeRawPointer, offset: Int, width: Int, bit: Int, bigEndian: Bool) -> Bool {
        let address = UnsafeMutableRawPointer(mutating: pointer + offset)
        let unit: UInt64
        switch width {
        case 8: unit = UInt64(drivergen_volatile_load8(address))
        case 16: unit = UInt64(bigEndian ? UInt16(bigEndian: drivergen_volatile_load16(address)) : UInt16(littleEndian: drivergen_volatile_load16(address)))
        case 32: unit = UInt64(bigEndian ? UInt32(bigEndian: drivergen_volatile_load32(address)) : UInt32(littleEndian: drivergen_volatile_load32(address)))
        default: unit = bigEndian ? UInt64(bigEndian: drivergen_volatile_load64(address)) : UInt64(littleEndian: drivergen_volatile_load64(address))
        }
        return unit >> UInt64(bit) & 1 != 0
    }
}
