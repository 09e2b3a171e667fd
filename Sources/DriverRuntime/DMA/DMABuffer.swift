import Synchronization

/// Memory a device reaches by DMA: what PCIDriverKit's `IOBufferMemoryDescriptor` (the
/// bytes, mapped for the CPU) and `IODMACommand` (the device addresses) give a driver
/// together. The provider allocates it (`allocateDMABuffer`); `release()` unmaps it from
/// the device and frees it, after which the CPU side traps and any device access is an
/// IOMMU fault.
///
/// In driver code:
///
/// ```swift
/// let buffer = try allocateDMABuffer(length: 4096, direction: .toDevice, maxAddressBits: 28)
/// buffer.copyBytes(from: Array("payload".utf8))
/// mmio.dmaSource.write { $0.value = buffer.deviceAddress }
/// ```
// Safe to share: `bytes` is fixed at init and `released` is atomic. The CPU side takes no lock:
// the bytes are shared with a device, which reads and writes them whatever Swift knows, so
// ordering accesses is the driver's protocol with the device (DMABarrier), and using a buffer
// while another thread releases it is a driver bug the release check catches on a best effort.
public final class DMABuffer: @unchecked Sendable {
    /// Bytes the driver asked for.
    public let length: Int
    public let direction: DMADirection
    /// The device addresses of the buffer, in order; together they cover `length` bytes.
    public let segments: [DMASegment]

    @usableFromInline let bytes: UnsafeMutableRawPointer
    @usableFromInline let released = Atomic<Bool>(false)
    private let unmap: @Sendable (UnsafeMutableRawPointer) -> Void

    /// For providers: `bytes` is the CPU side (at least `length` bytes, valid until `unmap`
    /// runs), `segments` the device side; `unmap` runs once, on `release()` or deinit, with
    /// `bytes`, to unmap the device side and free the memory.
    public init(
        length: Int, direction: DMADirection, segments: [DMASegment], bytes: UnsafeMutableRawPointer,
        unmap: @escaping @Sendable (UnsafeMutableRawPointer) -> Void
    ) {
        self.length = length
        self.direction = direction
        self.segments = segments
        self.bytes = bytes
        self.unmap = unmap
    }

    deinit {
        release()
    }

    /// The device address of the first byte; for a buffer of one segment, the address to
    /// program into the device.
    public var deviceAddress: UInt64 {
        precondition(segments.count == 1, "a DMA buffer of \(segments.count) segments has no single device address; use segments")
        return segments[0].address
    }

    /// The device address of byte `offset` (of a buffer of one segment).
    public func deviceAddress(at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset <= length, "offset \(offset) is outside a \(length)-byte DMA buffer")
        return deviceAddress + UInt64(offset)
    }

    /// Whether `release()` has run.
    public var isReleased: Bool { released.load(ordering: .acquiring) }

    /// Unmaps the buffer from the device and frees it. Later calls do nothing.
    public func release() {
        let (exchanged, _) = released.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        if exchanged { unmap(bytes) }
    }

    // MARK: CPU side

    /// Traps when the buffer was released: what every CPU access checks first.
    @inlinable
    func checkNotReleased() {
        precondition(!released.load(ordering: .relaxed), "DMA buffer used after release()")
    }

    /// The address of byte `offset`, checked: `count` bytes from it lie in the buffer, which is
    /// not released. No lock: a load and a compare.
    @inlinable
    func pointer(to offset: Int, count: Int) -> UnsafeMutableRawPointer {
        precondition(offset >= 0 && count >= 0 && offset <= length - count, "\(count) bytes at \(offset) are outside a \(length)-byte DMA buffer")
        checkNotReleased()
        return bytes + offset
    }

    /// Runs `body` with the bytes. Do not keep the pointer beyond `release()`.
    public func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableRawBufferPointer(start: pointer(to: 0, count: length), count: length))
    }

    /// Copies `source` into the buffer at `offset`.
    public func copyBytes(from source: some Collection<UInt8>, at offset: Int = 0) {
        let start = pointer(to: offset, count: source.count)
        UnsafeMutableRawBufferPointer(start: start, count: source.count).copyBytes(from: source)
    }

    /// `count` bytes from `offset`.
    public func bytes(at offset: Int = 0, count: Int? = nil) -> [UInt8] {
        let count = count ?? length - offset
        return Array(UnsafeRawBufferPointer(start: pointer(to: offset, count: count), count: count))
    }

    /// Stores an integer, little-endian, at byte `offset`.
    @inlinable
    public func store<Value: FixedWidthInteger>(_ value: Value, atByteOffset offset: Int) {
        pointer(to: offset, count: MemoryLayout<Value>.size).storeBytes(of: value.littleEndian, as: Value.self)
    }

    /// Loads a little-endian integer at byte `offset`.
    @inlinable
    public func load<Value: FixedWidthInteger>(_ type: Value.Type = Value.self, atByteOffset offset: Int) -> Value {
        Value(littleEndian: UnsafeRawPointer(pointer(to: offset, count: MemoryLayout<Value>.size)).loadUnaligned(as: Value.self))
    }
}
