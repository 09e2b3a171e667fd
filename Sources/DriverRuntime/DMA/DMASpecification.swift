/// Which way data moves through a DMA buffer, as `kIOMemoryDirectionOut/In/InOut` say it.
/// The IOMMU enforces it: a device that writes a buffer it may only read faults.
public enum DMADirection: String, Sendable, CaseIterable {
    /// The device reads the buffer (`kIOMemoryDirectionOut`: out of memory, to the device).
    case toDevice
    /// The device writes the buffer (`kIOMemoryDirectionIn`).
    case fromDevice
    /// Both (`kIOMemoryDirectionInOut`).
    case bidirectional

    /// Whether the device may read the buffer.
    public var deviceReads: Bool { self != .fromDevice }
    /// Whether the device may write the buffer.
    public var deviceWrites: Bool { self != .toDevice }
}

/// What the device can address, as `IODMACommandSpecification` gives it, and how the buffer
/// must be laid out.
public struct DMASpecification: Sendable, Equatable {
    /// The device's addressing limit in bits: every segment ends below `1 << maxAddressBits`
    /// (QEMU's edu masks addresses to 28 bits; many engines take 32 or 64).
    public var maxAddressBits: Int
    /// Alignment of the first byte, CPU side and device side, a power of two.
    public var alignment: Int
    /// Whether the buffer must be one segment the device sees as contiguous.
    public var contiguous: Bool

    public init(maxAddressBits: Int = 64, alignment: Int = 4096, contiguous: Bool = true) {
        self.maxAddressBits = maxAddressBits
        self.alignment = alignment
        self.contiguous = contiguous
    }

    /// The lowest address the device cannot reach.
    public var addressLimit: UInt64 { maxAddressBits >= 64 ? .max : 1 << UInt64(maxAddressBits) }
}

/// A range of device (bus) addresses covering part of a DMA buffer (`IOAddressSegment`).
public struct DMASegment: Sendable, Equatable, CustomStringConvertible {
    /// The address the device uses.
    public var address: UInt64
    public var length: Int

    public init(address: UInt64, length: Int) {
        self.address = address
        self.length = length
    }

    public var description: String { "0x\(String(address, radix: 16))+\(length)" }
}
