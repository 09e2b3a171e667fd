/// A structure the driver and the device share in DMA memory: a descriptor, a queue entry,
/// data the device writes back. Generated from `structures:` in a spec; a value of its bytes
/// with typed fields, moved to and from DMA memory whole.
///
/// ```swift
/// let queue = try allocateDMABuffer(length: 8 * NVMe.SubmissionEntry.size, direction: .toDevice)
/// var entry = NVMe.SubmissionEntry()        // all zeros
/// entry.admin.opcode = .identify
/// entry.prp1 = queue.deviceAddress
/// queue.store(entry, at: 3)                 // entry 3 of an array of them
/// assert(queue.load(NVMe.SubmissionEntry.self, at: 3) == entry)
/// ```
public protocol DMAStructure: Sendable, Equatable {
    /// Bytes the structure occupies.
    static var size: Int { get }

    /// All zeros.
    init()

    /// The structure's bytes at `pointer`.
    init(loadingFrom pointer: UnsafeRawPointer)

    /// Copies the structure's bytes to `pointer`.
    func store(to pointer: UnsafeMutableRawPointer)
}

extension DMAStructure {
    /// The structure in `bytes` (zero-filled or cut to `size`): what a device model reads by DMA.
    public init(copying bytes: [UInt8]) {
        let padded = bytes.count >= Self.size ? Array(bytes.prefix(Self.size)) : bytes + Array(repeating: 0, count: Self.size - bytes.count)
        self = padded.withUnsafeBytes { Self(loadingFrom: $0.baseAddress!) }
    }

    /// The structure's bytes: what a device model writes by DMA.
    public var byteArray: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.size)
        bytes.withUnsafeMutableBytes { store(to: $0.baseAddress!) }
        return bytes
    }
}

extension DMABuffer {
    /// The structure at `index` of an array of them from the buffer's start.
    @inlinable
    public func load<Structure: DMAStructure>(_ type: Structure.Type, at index: Int) -> Structure {
        load(type, atByteOffset: index * Structure.size)
    }

    /// The structure at byte `offset`.
    @inlinable
    public func load<Structure: DMAStructure>(_ type: Structure.Type, atByteOffset offset: Int) -> Structure {
        Structure(loadingFrom: UnsafeRawPointer(pointer(to: offset, count: Structure.size)))
    }

    /// Stores `value` at `index` of an array of them from the buffer's start.
    @inlinable
    public func store<Structure: DMAStructure>(_ value: Structure, at index: Int) {
        store(value, atByteOffset: index * Structure.size)
    }

    /// Stores `value` at byte `offset`.
    @inlinable
    public func store<Structure: DMAStructure>(_ value: Structure, atByteOffset offset: Int) {
        value.store(to: pointer(to: offset, count: Structure.size))
    }

    /// Changes the structure at `index` in place: loads it, runs `body`, stores it back.
    @inlinable
    public func modify<Structure: DMAStructure, Result>(
        _ type: Structure.Type, at index: Int, _ body: (inout Structure) throws -> Result
    ) rethrows -> Result {
        var value = load(type, at: index)
        defer { store(value, at: index) }
        return try body(&value)
    }
}
