/// Which form of spec an import writes.
public enum ImportForm: String, Sendable, CaseIterable {
    /// Peripherals at their base addresses and the interrupt lines: for firmware (the default
    /// for SVD, whose files describe microcontrollers).
    case microcontroller
    /// A PCI function: the blocks in BARs, PCI ids and a driver identity (placeholders unless
    /// given). IP-XACT always imports in this form.
    case pci
}

/// What SVD and IP-XACT do not say, given by the user.
public struct ImportOptions: Sendable {
    /// The form of the spec; `.microcontroller` applies to SVD only.
    public var form: ImportForm
    /// The device's name (default: the SVD device or IP-XACT component name).
    public var name: String?
    public var vendorID: UInt16?
    public var deviceID: UInt16?
    /// The driver's bundle id (default: `com.example.driver.<name>`).
    public var bundleID: String?
    /// The driver class (default: `<name>Driver`).
    public var driverClass: String?
    /// Which blocks (SVD peripherals, IP-XACT address blocks) go into which BAR; the others go
    /// to BAR 0. Each BAR's offsets start at its lowest block base.
    public var barAssignments: [String: Int]
    /// Only these blocks (SVD peripherals), and their interrupts; nil for all.
    public var blocks: Set<String>?

    /// Without a `form`, an import is a PCI device when any PCI option is given, and a
    /// microcontroller otherwise.
    public init(
        form: ImportForm? = nil, name: String? = nil, vendorID: UInt16? = nil, deviceID: UInt16? = nil, bundleID: String? = nil,
        driverClass: String? = nil, barAssignments: [String: Int] = [:], blocks: Set<String>? = nil
    ) {
        self.blocks = blocks
        let pciOptions = vendorID != nil || deviceID != nil || bundleID != nil || driverClass != nil || !barAssignments.isEmpty
        self.form = form ?? (pciOptions ? .pci : .microcontroller)
        self.name = name
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.bundleID = bundleID
        self.driverClass = driverClass
        self.barAssignments = barAssignments
    }
}
