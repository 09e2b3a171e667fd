import Locking

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
// Safe to share: `bytes` is fixed at init; `released` guards freeing it, and the CPU side
// refuses access once it is released. The bytes themselves are shared with a device, which
// reads and writes them whatever Swift knows; ordering them is the driver's protocol with it.
public final class DMABuffer: @unchecked Sendable {
    /// Bytes the driver asked for.
    public let length: Int
    public let direction: DMADirection
    /// The device addresses of the buffer, in order; together they cover `length` bytes.
    public let segments: [DMASegment]

    private let bytes: UnsafeMutableRawPointer
    private let released = Locked(false)
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

    /// Whether `release()` has run.
    public var isReleased: Bool { released.withLock { $0 } }

    /// Unmaps the buffer from the device and frees it. Later calls do nothing.
    public func release() {
        let first = released.withLock { released -> Bool in
            defer { released = true }
            return !released
        }
        if first { unmap(bytes) }
    }

    // MARK: CPU side

    /// Runs `body` with the bytes. Do not keep the pointer beyond `release()`.
    public func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try released.withLock { released in
            precondition(!released, "DMA buffer used after release()")
            return try body(UnsafeMutableRawBufferPointer(start: bytes, count: length))
        }
    }

    /// Copies `source` into the buffer at `offset`.
    public func copyBytes(from source: some Collection<UInt8>, at offset: Int = 0) {
        precondition(offset >= 0 && offset + source.count <= length, "\(source.count) bytes at \(offset) do not fit a \(length)-byte DMA buffer")
        withUnsafeMutableBytes { buffer in
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + source.count]).copyBytes(from: source)
        }
    }

    /// `count` bytes from `offset`.
    public func bytes(at offset: Int = 0, count: Int? = nil) -> [UInt8] {
        let count = count ?? length - offset
        precondition(offset >= 0 && count >= 0 && offset + count <= length, "\(count) bytes at \(offset) are outside a \(length)-byte DMA buffer")
        return withUnsafeMutableBytes { Array($0[offset..<offset + count]) }
    }

    /// Stores an integer, little-endian, at `offset` (descriptor fields, for example).
    public func store<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= length, "a \(MemoryLayout<Value>.size)-byte store at \(offset) is outside a \(length)-byte DMA buffer")
        withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Value.self) }
    }

    /// Loads a little-endian integer at `offset`.
    public func load<Value: FixedWidthInteger>(_ type: Value.Type = Value.self, at offset: Int) -> Value {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= length, "a \(MemoryLayout<Value>.size)-byte load at \(offset) is outside a \(length)-byte DMA buffer")
        return withUnsafeMutableBytes { Value(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Value.self)) }
    }
}
