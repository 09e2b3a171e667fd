#if os(Linux)
/// A PCI function as the kernel lists it in sysfs: its address, ids and the driver bound to it.
public struct PCIFunction: Sendable, Hashable, CustomStringConvertible {
    public var address: PCIAddress
    public var vendor: UInt16
    public var device: UInt16
    /// Class, subclass and programming interface: `0x010802` for an NVMe controller.
    public var classCode: UInt32
    public var subsystemVendor: UInt16
    public var subsystem: UInt16
    /// The kernel driver bound to it, if any (`vfio-pci` when DriverGen may open it).
    public var driver: String?

    public init(
        address: PCIAddress, vendor: UInt16, device: UInt16, classCode: UInt32, subsystemVendor: UInt16 = 0,
        subsystem: UInt16 = 0, driver: String? = nil
    ) {
        self.address = address
        self.vendor = vendor
        self.device = device
        self.classCode = classCode
        self.subsystemVendor = subsystemVendor
        self.subsystem = subsystem
        self.driver = driver
    }

    /// `0000:00:03.0 1234:11e8 class 00ff00 (vfio-pci)`.
    public var description: String {
        "\(address) \(Self.hex(vendor, 4)):\(Self.hex(device, 4)) class \(Self.hex(classCode, 6)) (\(driver ?? "no driver"))"
    }

    static func hex(_ value: some BinaryInteger, _ digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Every PCI function under `sysfs` (the kernel's `/sys/bus/pci/devices` unless a test gives
    /// another folder laid out the same way), in address order.
    public static func all(sysfs: String = "/sys/bus/pci/devices") -> [PCIFunction] {
        Sysfs.list(sysfs).compactMap { name in
            guard let address = PCIAddress(name) else { return nil }
            let folder = sysfs + "/" + name
            func number(_ attribute: String) -> UInt64? {
                guard var text = Sysfs.read(folder + "/" + attribute) else { return nil }
                if text.hasPrefix("0x") { text.removeFirst(2) }
                return UInt64(text, radix: 16)
            }
            guard let vendor = number("vendor"), let device = number("device") else { return nil }
            return PCIFunction(
                address: address, vendor: UInt16(truncatingIfNeeded: vendor), device: UInt16(truncatingIfNeeded: device),
                classCode: UInt32(truncatingIfNeeded: number("class") ?? 0),
                subsystemVendor: UInt16(truncatingIfNeeded: number("subsystem_vendor") ?? 0),
                subsystem: UInt16(truncatingIfNeeded: number("subsystem_device") ?? 0),
                driver: Sysfs.link(folder + "/driver"))
        }
    }

    /// The first function with these ids (and class code, when given); the error lists the
    /// functions that are there.
    public static func find(
        vendor: UInt16, device: UInt16? = nil, classCode: UInt32? = nil, sysfs: String = "/sys/bus/pci/devices"
    ) throws(VFIOError) -> PCIFunction {
        let functions = all(sysfs: sysfs)
        if let match = functions.first(where: { $0.vendor == vendor && (device == nil || $0.device == device) && (classCode == nil || $0.classCode == classCode) }) {
            return match
        }
        var wanted = hex(vendor, 4) + ":" + (device.map { hex($0, 4) } ?? "*")
        if let classCode { wanted += " class " + hex(classCode, 6) }
        let present = functions.isEmpty ? "none" : functions.map(\.description).joined(separator: "; ")
        throw VFIOError("no PCI function \(wanted); present: \(present)")
    }
}
#endif
