/// What SVD and IP-XACT do not say, given by the user.
public struct ImportOptions: Sendable {
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

    public init(name: String? = nil, vendorID: UInt16? = nil, deviceID: UInt16? = nil, bundleID: String? = nil,
                driverClass: String? = nil, barAssignments: [String: Int] = [:]) {
        self.name = name
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.bundleID = bundleID
        self.driverClass = driverClass
        self.barAssignments = barAssignments
    }
}
