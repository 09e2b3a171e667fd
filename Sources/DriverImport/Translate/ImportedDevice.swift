import DriverSpec

/// The spec an import writes, as plain values in the spec language's terms.
struct ImportedDevice {
    var name: String
    var description: String?
    var vendorID: UInt16
    var deviceID: UInt16
    var bundleID: String
    var driverClass: String?
    /// BARs of a PCI device, or a microcontroller's peripherals (each with its `address`).
    var bars: [ImportedBar]
    /// Set for the microcontroller form.
    var microcontroller: ImportedMicrocontroller? = nil
}

struct ImportedMicrocontroller {
    var cpu: String?
    var interrupts: [ImportedInterrupt]
}

struct ImportedInterrupt {
    var name: String
    var number: Int
    var description: String?
}

struct ImportedBar {
    var index: Int
    var name: String
    var isMem64: Bool
    var size: UInt64
    var description: String?
    var registers: [ImportedRegister]
    /// A microcontroller peripheral's base address.
    var address: UInt64? = nil
}

struct ImportedRegister {
    var name: String
    var offset: UInt64
    var width: Int
    /// nil for the default (`rw`).
    var access: String?
    var reset: UInt64
    var description: String?
    var fields: [ImportedField]
    /// An array: copies and the bytes between them.
    var count: Int?
    var stride: UInt64?
    var aliasOf: String?
    var writeOnly = false
    var location: SourceLocation
}

struct ImportedField {
    var name: String
    var lsb: Int
    var width: Int
    var access: String?
    var description: String?
    var values: [ImportedEnumValue]
}

struct ImportedEnumValue {
    var name: String
    var value: UInt64
    var description: String?
}
