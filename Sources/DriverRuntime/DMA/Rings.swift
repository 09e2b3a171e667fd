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
public struct ProducerRing<Layout: RingLayout> {
    /// The ring's memory: `count` entries from its start.
    public let buffer: DMABuffer
    public let count: Int
    /// The next slot `push` fills.
    public private(set) var tail = 0
    /// The oldest slot the device may still own.
    public private(set) var head = 0
    private let writeDoorbell: (Int) -> Void
    private let readDeviceIndex: (() -> Int)?

    /// A ring of `count` entries in `buffer`; `doorbell` writes the tail to the device;
    /// `deviceIndex`, when the device has one, reads how far it has consumed (its head).
    public init(buffer: DMABuffer, count: Int, doorbell: @escaping (Int) -> Void, deviceIndex: (() -> Int)? = nil) throws(PCIError) {
        try checkRing(Layout.self, buffer: buffer, count: count)
        self.buffer = buffer
        self.count = count
        writeDoorbell = doorbell
        readDeviceIndex = deviceIndex
    }

    /// Entries pushed that the device has not given back.
    public var inFlight: Int { (tail - head + count) % count }
    /// Whether `push` would find no free slot.
    public var isFull: Bool { (tail + 1) % count == head }

    /// Fills the slot at the tail from a zeroed entry and moves the tail; returns the slot.
    /// The device sees it after `ringDoorbell()`.
    @discardableResult
    public mutating func push(_ fill: (inout Layout.Entry) throws(PCIError) -> Void) throws(PCIError) -> Int {
        guard !isFull else { throw .driverFailed("ring '\(Layout.name)' is full (\(count - 1) entries in flight)") }
        var entry = Layout.Entry()
        try fill(&entry)
        let slot = tail
        buffer.store(entry, at: slot)
        tail = (tail + 1) % count
        return slot
    }

    /// Makes what was pushed visible to the device, then writes the tail to the doorbell.
    public func ringDoorbell() {
        DMABarrier.beforeDoorbell()
        writeDoorbell(tail)
    }

    /// The device has consumed every entry before `head`.
    public mutating func deviceConsumed(upTo head: Int) {
        precondition(head >= 0 && head < count, "ring '\(Layout.name)': head \(head) is outside its \(count) entries")
        self.head = head
    }

    /// Reads the device's index register (the ring's `device-index`) and takes it as the head;
    /// false when the ring has none, or it reads outside the ring (all ones: the device is gone).
    @discardableResult
    public mutating func updateFromDevice() -> Bool {
        guard let index = readDeviceIndex?(), index >= 0, index < count else { return false }
        head = index
        return true
    }

    /// The entry in `slot`, as it is in memory now.
    public func entry(at slot: Int) -> Layout.Entry {
        buffer.load(Layout.Entry.self, at: slot)
    }
}

extension ProducerRing where Layout: ReadinessRingLayout {
    /// Gives back, oldest first, each entry the device has marked done, and frees its slot;
    /// stops at the first one not done. Returns how many.
    @discardableResult
    public mutating func reclaim(_ body: (_ entry: Layout.Entry, _ slot: Int) -> Void = { _, _ in }) -> Int {
        var reclaimed = 0
        while head != tail {
            let pointer = UnsafeRawPointer(buffer.pointer(to: head * Layout.Entry.size, count: Layout.Entry.size))
            guard Layout.isReady(entryAt: pointer, phase: true) else { break }
            DMABarrier.afterReadyCheck()
            body(Layout.Entry(loadingFrom: pointer), head)
            head = (head + 1) % count
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
    /// The next slot `next()` looks at.
    public private(set) var head = 0
    /// The phase tag new entries carry in this pass (NVMe: 1 in the first pass over zeroed memory).
    public private(set) var phase = true
    private let writeDoorbell: (Int) -> Void

    /// A ring of `count` entries in `buffer` (which should be zeroed); `doorbell` writes the
    /// head to the device.
    public init(buffer: DMABuffer, count: Int, doorbell: @escaping (Int) -> Void) throws(PCIError) {
        try checkRing(Layout.self, buffer: buffer, count: count)
        self.buffer = buffer
        self.count = count
        writeDoorbell = doorbell
    }

    /// The next ready entry, or nil when the device has written none.
    public mutating func next() -> Layout.Entry? {
        let pointer = UnsafeRawPointer(buffer.pointer(to: head * Layout.Entry.size, count: Layout.Entry.size))
        guard Layout.isReady(entryAt: pointer, phase: phase) else { return nil }
        DMABarrier.afterReadyCheck()
        let entry = Layout.Entry(loadingFrom: pointer)
        head += 1
        if head == count {
            head = 0
            phase.toggle()
        }
        return entry
    }

    /// Writes the head to the device's doorbell: the slots before it are free again.
    public func ringDoorbell() {
        writeDoorbell(head)
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
