/// Offsets and bits of the standard PCI configuration header that drivers use.
public enum PCIConfiguration {
    public static let vendorID: UInt16 = 0x00
    public static let deviceID: UInt16 = 0x02
    /// The command register: Memory Space, Bus Master and friends.
    public static let command: UInt16 = 0x04
    public static let status: UInt16 = 0x06
    /// Revision in bits 7:0, class code in 31:8.
    public static let revisionAndClass: UInt16 = 0x08
    public static let headerType: UInt16 = 0x0E
    public static let bar0: UInt16 = 0x10
    public static let subsystemVendorID: UInt16 = 0x2C
    public static let subsystemID: UInt16 = 0x2E
    public static let capabilitiesPointer: UInt16 = 0x34
    public static let interruptPin: UInt16 = 0x3D

    /// Command register: the device answers memory accesses to its BARs.
    public static let memorySpaceEnable: UInt16 = 0x0002
    /// Command register: the device may master the bus (DMA, and MSI writes).
    public static let busMasterEnable: UInt16 = 0x0004
    /// Command register: legacy INTx is disabled.
    public static let interruptDisable: UInt16 = 0x0400
    /// Status register: the capability list is present.
    public static let capabilitiesListPresent: UInt16 = 0x0010

    /// Capability id of MSI.
    public static let msiCapabilityID: UInt8 = 0x05
    /// Capability id of MSI-X.
    public static let msixCapabilityID: UInt8 = 0x11
}

/// A BAR as the provider reports it: the memory index to use for accesses, its size and type.
public struct BARInfo: Sendable, Equatable {
    /// The BAR's memory type, with PCIDriverKit's numbering.
    public enum MemoryType: UInt8, Sendable {
        case memory32 = 0
        case io = 1
        case memory64 = 4
        case memory32Prefetchable = 8
        case memory64Prefetchable = 0xC
    }

    /// Not the BAR number: the index `memoryRead`/`memoryWrite` take.
    public var memoryIndex: UInt8
    public var size: UInt64
    public var type: MemoryType

    public init(memoryIndex: UInt8, size: UInt64, type: MemoryType) {
        self.memoryIndex = memoryIndex
        self.size = size
        self.type = type
    }
}

/// Interrupt types for `configureInterrupts`, with PCIDriverKit's values.
public enum InterruptType: UInt32, Sendable {
    case msi = 0x10000
    case msix = 0x20000
}
