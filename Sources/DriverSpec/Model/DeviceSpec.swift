/// A validated device description: everything DriverGen generates comes from one of these.
public struct DeviceSpec: Sendable {
    /// The device's type prefix, e.g. `Edu`.
    public var name: String
    public var description: String?
    public var pci: PCIIdentity
    public var thunderbolt: ThunderboltSupport
    /// An external storage device: the driver declares `Physical Interconnect Location` = `External`.
    public var isStorage: Bool
    public var driver: DriverIdentity
    public var interrupts: InterruptConfiguration?
    /// Device-specific registers in PCI configuration space.
    public var configRegisters: [RegisterSpec]
    public var bars: [BarSpec]
    /// Structures in DMA memory the device shares with the driver.
    public var structures: [StructureSpec]
    /// Rings of those structures.
    public var rings: [RingSpec]
    /// Set for a microcontroller spec: peripherals (in `bars`, each at its `address`) instead of
    /// PCI BARs, and no PCI identity, Thunderbolt flags, driver or MSI interrupts (`pci` and
    /// `driver` are then empty placeholders no generator reads).
    public var microcontroller: MicrocontrollerSpec?
    public var source: SourceMap

    public init(
        name: String, description: String?, pci: PCIIdentity, thunderbolt: ThunderboltSupport,
        isStorage: Bool, driver: DriverIdentity, interrupts: InterruptConfiguration?,
        configRegisters: [RegisterSpec], bars: [BarSpec], structures: [StructureSpec] = [], rings: [RingSpec] = [],
        microcontroller: MicrocontrollerSpec? = nil, source: SourceMap
    ) {
        self.microcontroller = microcontroller
        self.name = name
        self.description = description
        self.pci = pci
        self.thunderbolt = thunderbolt
        self.isStorage = isStorage
        self.driver = driver
        self.interrupts = interrupts
        self.configRegisters = configRegisters
        self.bars = bars
        self.structures = structures
        self.rings = rings
        self.source = source
    }

    /// Whether this is a microcontroller spec (peripherals at addresses, no PCI).
    public var isMicrocontroller: Bool { microcontroller != nil }

    /// The structure with this spec name.
    public func structure(named name: String) -> StructureSpec? {
        structures.first { $0.name == name }
    }

    /// The file the spec was read from.
    public var file: String { source.element.file }

    /// Every register of the device, config space first, then BARs in index order.
    public var allRegisters: [RegisterSpec] { configRegisters + bars.flatMap(\.registers) }

    /// The register with this spec name, wherever it lives.
    public func register(named name: String) -> RegisterSpec? {
        allRegisters.first { $0.name == name }
    }
}

/// How the device identifies itself on the PCI bus.
public struct PCIIdentity: Sendable {
    public var vendor: UInt16
    /// One or more device ids; each becomes a match alternative.
    public var devices: [UInt16]
    public var revision: UInt8?
    /// Base class, subclass and programming interface: `0xCCSSPP`.
    public var classCode: UInt32?
    public var subsystemVendor: UInt16?
    public var subsystem: UInt16?
    public var source: SourceMap

    public init(
        vendor: UInt16, devices: [UInt16], revision: UInt8?, classCode: UInt32?,
        subsystemVendor: UInt16?, subsystem: UInt16?, source: SourceMap
    ) {
        self.vendor = vendor
        self.devices = devices
        self.revision = revision
        self.classCode = classCode
        self.subsystemVendor = subsystemVendor
        self.subsystem = subsystem
        self.source = source
    }
}

/// Thunderbolt-related personality flags.
public struct ThunderboltSupport: Sendable {
    /// `IOPCITunnelCompatible`: without it the driver never matches a tunnelled device.
    public var tunnelCompatible: Bool
    /// `IOPCIPauseCompatible`: the driver supports pause and resume.
    public var pauseCompatible: Bool
    public var source: SourceMap

    public init(tunnelCompatible: Bool, pauseCompatible: Bool, source: SourceMap) {
        self.tunnelCompatible = tunnelCompatible
        self.pauseCompatible = pauseCompatible
        self.source = source
    }
}

/// The driver's identity in its personality.
public struct DriverIdentity: Sendable {
    /// The Swift class name, also `IOUserClass`.
    public var className: String
    /// `CFBundleIdentifier` and `IOUserServerName`.
    public var bundleIdentifier: String
    /// `IOProbeScore`, to win against Apple's class drivers.
    public var probeScore: Int?
    /// Adds `IOPCIClassMatch` for the device's class code.
    public var matchClassCode: Bool
    /// The user client class the personality declares in `UserClientProperties`, if any.
    public var userClientClass: String?
    public var source: SourceMap

    public init(
        className: String, bundleIdentifier: String, probeScore: Int?, matchClassCode: Bool,
        userClientClass: String? = nil, source: SourceMap
    ) {
        self.className = className
        self.bundleIdentifier = bundleIdentifier
        self.probeScore = probeScore
        self.matchClassCode = matchClassCode
        self.userClientClass = userClientClass
        self.source = source
    }
}
