/// Everything generated code knows about a device from its spec, as static data: identity,
/// BARs and registers, config-space registers, interrupts. The simulator builds a device
/// from it; no YAML is read at run time.
public struct DeviceLayout: Sendable {
    public let name: String
    public let pci: PCIIdentityLayout
    /// `IOPCITunnelCompatible`.
    public let tunnelCompatible: Bool
    /// `IOPCIPauseCompatible`.
    public let pauseCompatible: Bool
    /// An external storage device.
    public let isStorage: Bool
    public let bars: [BarLayout]
    /// Device-specific configuration-space registers.
    public let configRegisters: [RegisterLayout]
    public let interrupts: InterruptLayout?
    /// Where the MSI / MSI-X capability sits in configuration space.
    public let capabilityOffset: Int

    public init(
        name: String, pci: PCIIdentityLayout, tunnelCompatible: Bool, pauseCompatible: Bool, isStorage: Bool,
        bars: [BarLayout], configRegisters: [RegisterLayout], interrupts: InterruptLayout?, capabilityOffset: Int
    ) {
        self.name = name
        self.pci = pci
        self.tunnelCompatible = tunnelCompatible
        self.pauseCompatible = pauseCompatible
        self.isStorage = isStorage
        self.bars = bars
        self.configRegisters = configRegisters
        self.interrupts = interrupts
        self.capabilityOffset = capabilityOffset
    }

    /// The BAR with this index.
    public func bar(_ index: Int) -> BarLayout? { bars.first { $0.index == index } }

    /// Register `index` of the BAR at `position` in `bars`, or of configuration space when
    /// `position` is nil: how generated register values find their layout.
    public func register(_ index: Int, inBarAt position: Int?) -> RegisterLayout {
        position.map { bars[$0].registers[index] } ?? configRegisters[index]
    }

    /// Field `field` of register `index` (see `register(_:inBarAt:)`).
    public func field(_ field: Int, ofRegister index: Int, inBarAt position: Int?) -> FieldLayout {
        register(index, inBarAt: position).fields[field]
    }

    /// The same device without its MSI / MSI-X capability and without BARs that only held
    /// MSI-X structures: the variant of a device that offers no interrupts (QEMU's
    /// ivshmem-plain beside ivshmem-doorbell).
    public func removingInterrupts() -> DeviceLayout {
        let msixBARs = Set([interrupts?.msixTable?.bar, interrupts?.msixPBA?.bar].compactMap { $0 })
        return DeviceLayout(
            name: name, pci: pci, tunnelCompatible: tunnelCompatible, pauseCompatible: pauseCompatible, isStorage: isStorage,
            bars: bars.filter { !$0.registers.isEmpty || !msixBARs.contains($0.index) }, configRegisters: configRegisters,
            interrupts: nil, capabilityOffset: capabilityOffset)
    }
}

/// PCI ids as the spec gives them.
public struct PCIIdentityLayout: Sendable {
    public let vendor: UInt16
    public let devices: [UInt16]
    public let revision: UInt8
    /// `0xCCSSPP`.
    public let classCode: UInt32
    public let subsystemVendor: UInt16
    public let subsystem: UInt16

    public init(vendor: UInt16, devices: [UInt16], revision: UInt8, classCode: UInt32, subsystemVendor: UInt16, subsystem: UInt16) {
        self.vendor = vendor
        self.devices = devices
        self.revision = revision
        self.classCode = classCode
        self.subsystemVendor = subsystemVendor
        self.subsystem = subsystem
    }
}

/// A memory BAR.
public struct BarLayout: Sendable {
    public let index: Int
    public let name: String
    public let is64Bit: Bool
    public let prefetchable: Bool
    public let size: UInt64
    public let registers: [RegisterLayout]

    public init(index: Int, name: String, is64Bit: Bool, prefetchable: Bool, size: UInt64, registers: [RegisterLayout]) {
        self.index = index
        self.name = name
        self.is64Bit = is64Bit
        self.prefetchable = prefetchable
        self.size = size
        self.registers = registers
    }
}

/// MSI or MSI-X configuration and the named interrupt sources.
public struct InterruptLayout: Sendable {
    public enum Kind: String, Sendable { case msi, msix }

    public let kind: Kind
    public let vectors: Int
    public let perVectorMasking: Bool
    public let addresses64Bit: Bool
    /// MSI-X table: BAR index and offset.
    public let msixTable: (bar: Int, offset: Int)?
    /// MSI-X pending-bit array: BAR index and offset.
    public let msixPBA: (bar: Int, offset: Int)?
    public let sources: [InterruptSourceLayout]

    public init(
        kind: Kind, vectors: Int, perVectorMasking: Bool, addresses64Bit: Bool,
        msixTable: (bar: Int, offset: Int)?, msixPBA: (bar: Int, offset: Int)?, sources: [InterruptSourceLayout]
    ) {
        self.kind = kind
        self.vectors = vectors
        self.perVectorMasking = perVectorMasking
        self.addresses64Bit = addresses64Bit
        self.msixTable = msixTable
        self.msixPBA = msixPBA
        self.sources = sources
    }
}

/// One interrupt cause and the register bits that report, acknowledge and enable it.
public struct InterruptSourceLayout: Sendable {
    public let name: String
    public let vector: Int
    public let status: RegisterBits?
    public let acknowledge: RegisterBits?
    public let enable: RegisterBits?

    public init(name: String, vector: Int, status: RegisterBits?, acknowledge: RegisterBits?, enable: RegisterBits?) {
        self.name = name
        self.vector = vector
        self.status = status
        self.acknowledge = acknowledge
        self.enable = enable
    }
}

/// Some bits of a named register.
public struct RegisterBits: Sendable, Hashable {
    public let register: String
    public let mask: UInt64

    public init(register: String, mask: UInt64) {
        self.register = register
        self.mask = mask
    }
}
