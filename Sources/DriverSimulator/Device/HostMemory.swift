import DriverRuntime
import Locking

/// The host's memory as simulated devices reach it: DMA buffers that drivers allocate, each
/// mapped at device addresses as an IOMMU would. A device access that is not entirely inside
/// one live buffer, or that goes against the buffer's direction, is refused and reported as a
/// fault, as an IOMMU would report it.
///
/// Addresses come from a `DeviceAddressAllocator`: upwards from 1 MiB, an unmapped page after
/// each buffer so an overrun faults, never reused, so a device that uses an address after its
/// buffer was released faults too.
public final class HostMemory: Sendable {
    private struct Mapping {
        let base: UInt64
        let length: Int
        let direction: DMADirection
        /// The buffer's address, kept as an integer so the state holds no pointer.
        let address: UInt

        var bytes: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: address)! }
        var isReleased = false

        func contains(_ address: UInt64, _ count: Int) -> Bool {
            address >= base && count >= 0 && address - base <= UInt64(length) && UInt64(length) - (address - base) >= UInt64(count)
        }
    }

    private struct State {
        var mappings: [Mapping] = []
        var addresses = DeviceAddressAllocator()
    }

    private let state = Locked(State())

    public init() {}

    deinit {
        state.withLock { state in
            for mapping in state.mappings where !mapping.isReleased { mapping.bytes.deallocate() }
        }
    }

    /// Allocates a zeroed buffer of `length` bytes and maps it for devices within
    /// `specification`'s addressing limit; releasing it unmaps and frees it.
    public func allocate(length: Int, direction: DMADirection, specification: DMASpecification) throws(PCIError) -> DMABuffer {
        guard length > 0 else { throw .dmaUnavailable("a DMA buffer needs at least one byte, not \(length)") }
        let alignment = max(specification.alignment, 1)
        guard alignment & (alignment - 1) == 0 else { throw .dmaUnavailable("alignment \(alignment) is not a power of two") }
        let placed = state.withLock {
            $0.addresses.allocate(length: UInt64(length), alignment: UInt64(max(alignment, 4096)), limit: specification.addressLimit)
        }
        guard let base = placed else {
            throw .dmaUnavailable("no room for \(length) bytes below the device's \(specification.maxAddressBits)-bit address limit")
        }
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: max(alignment, 16))
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: length)
        state.withLock { $0.mappings.append(Mapping(base: base, length: length, direction: direction, address: UInt(bitPattern: bytes))) }
        return DMABuffer(
            length: length, direction: direction, segments: [DMASegment(address: base, length: length)], bytes: bytes,
            unmap: { [weak self] _ in self?.unmap(base) })
    }

    private func unmap(_ base: UInt64) {
        state.withLock { state in
            guard let index = state.mappings.firstIndex(where: { $0.base == base && !$0.isReleased }) else { return }
            state.mappings[index].isReleased = true
            state.mappings[index].bytes.deallocate()
        }
    }

    /// Live buffers and the device addresses they are mapped at.
    public var liveSegments: [DMASegment] {
        state.withLock { $0.mappings.filter { !$0.isReleased }.map { DMASegment(address: $0.base, length: $0.length) } }
    }

    // MARK: Device side

    /// A device reads `count` bytes at `address`: the bytes, or why the IOMMU refused.
    func deviceRead(_ address: UInt64, count: Int) -> Result<[UInt8], DMAFault> {
        state.withLock { state in
            switch Self.check(state, address, count, write: false) {
            case .failure(let fault): return .failure(fault)
            case .success(let mapping):
                let start = Int(address - mapping.base)
                return .success(Array(UnsafeRawBufferPointer(start: mapping.bytes + start, count: count)))
            }
        }
    }

    /// A device writes `bytes` at `address`; nil when done, or why the IOMMU refused.
    func deviceWrite(_ bytes: [UInt8], at address: UInt64) -> DMAFault? {
        state.withLock { state in
            switch Self.check(state, address, bytes.count, write: true) {
            case .failure(let fault): return fault
            case .success(let mapping):
                let start = Int(address - mapping.base)
                bytes.withUnsafeBytes { (mapping.bytes + start).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
                return nil
            }
        }
    }

    private static func check(_ state: State, _ address: UInt64, _ count: Int, write: Bool) -> Result<Mapping, DMAFault> {
        let range = "0x\(String(address, radix: 16))+\(count)"
        if let mapping = state.mappings.last(where: { !$0.isReleased && $0.contains(address, count) }) {
            if write && !mapping.direction.deviceWrites {
                return .failure(DMAFault("device write to \(range) in a buffer the device may only read (\(mapping.direction))"))
            }
            if !write && !mapping.direction.deviceReads {
                return .failure(DMAFault("device read of \(range) in a buffer the device may only write (\(mapping.direction))"))
            }
            return .success(mapping)
        }
        if state.mappings.contains(where: { $0.isReleased && $0.contains(address, count) }) {
            return .failure(DMAFault("device \(write ? "write to" : "read of") \(range) in a buffer that was released"))
        }
        return .failure(DMAFault("device \(write ? "write to" : "read of") \(range), which no DMA buffer covers"))
    }

    // MARK: Test side (no checks, not traced)

    /// `count` bytes at `address` of a live buffer, or nil: for a test to inspect.
    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        state.withLock { state in
            guard let mapping = state.mappings.last(where: { !$0.isReleased && $0.contains(address, count) }) else { return nil }
            return Array(UnsafeRawBufferPointer(start: mapping.bytes + Int(address - mapping.base), count: count))
        }
    }
}

/// An IOMMU fault: what a device tried, and why it was refused.
public struct DMAFault: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
