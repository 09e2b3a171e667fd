/// One IOKit personality: a name and the properties matching reads.
public struct Personality: Sendable, Equatable {
    /// The key of the personality in `IOKitPersonalities` (the driver class name).
    public let name: String
    public let properties: [String: PropertyValue]

    public init(name: String, properties: [String: PropertyValue]) {
        self.name = name
        self.properties = properties
    }

    /// `IOProbeScore`, 0 when absent.
    public var probeScore: Int { properties[PersonalityKey.probeScore]?.integerValue ?? 0 }
}

/// Personality keys PCI matching uses.
public enum PersonalityKey {
    public static let pciMatch = "IOPCIMatch"
    public static let pciPrimaryMatch = "IOPCIPrimaryMatch"
    public static let pciSecondaryMatch = "IOPCISecondaryMatch"
    public static let pciClassMatch = "IOPCIClassMatch"
    public static let tunnelCompatible = "IOPCITunnelCompatible"
    public static let pauseCompatible = "IOPCIPauseCompatible"
    public static let probeScore = "IOProbeScore"
    public static let providerClass = "IOProviderClass"
    public static let userClass = "IOUserClass"
}

/// The configuration-space registers matching compares, and how the device is attached.
public struct PCIMatchDevice: Sendable, Equatable {
    public var vendor: UInt16
    public var device: UInt16
    public var subsystemVendor: UInt16
    public var subsystem: UInt16
    /// `0xCCSSPP`.
    public var classCode: UInt32
    public var revision: UInt8
    /// The device sits behind a Thunderbolt tunnel.
    public var isTunnelled: Bool

    public init(
        vendor: UInt16, device: UInt16, subsystemVendor: UInt16 = 0, subsystem: UInt16 = 0,
        classCode: UInt32 = 0, revision: UInt8 = 0, isTunnelled: Bool = false
    ) {
        self.vendor = vendor
        self.device = device
        self.subsystemVendor = subsystemVendor
        self.subsystem = subsystem
        self.classCode = classCode
        self.revision = revision
        self.isTunnelled = isTunnelled
    }

    /// Config 0x00: device id in the high half, vendor in the low.
    public var idRegister: UInt32 { UInt32(device) << 16 | UInt32(vendor) }
    /// Config 0x2C: subsystem id in the high half, subsystem vendor in the low.
    public var subsystemRegister: UInt32 { UInt32(subsystem) << 16 | UInt32(subsystemVendor) }
    /// Config 0x08: class code in bits 31:8, revision in 7:0.
    public var classRegister: UInt32 { classCode << 8 | UInt32(revision) }
}
