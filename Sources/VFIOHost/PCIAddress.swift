/// A PCI function's address as Linux writes it: `domain:bus:device.function`, e.g.
/// `0000:00:03.0` (the domain may be left out: `00:03.0`).
public struct PCIAddress: Sendable, Hashable, CustomStringConvertible {
    public var domain: UInt16
    public var bus: UInt8
    public var device: UInt8
    public var function: UInt8

    public init(domain: UInt16 = 0, bus: UInt8, device: UInt8, function: UInt8) {
        self.domain = domain
        self.bus = bus
        self.device = device
        self.function = function
    }

    /// Parses `0000:00:03.0` or `00:03.0`; nil when the text is not such an address.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let deviceAndFunction = parts[parts.count - 1].split(separator: ".", omittingEmptySubsequences: false)
        guard deviceAndFunction.count == 2,
            let bus = UInt8(parts[parts.count - 2], radix: 16), parts[parts.count - 2].count == 2,
            let device = UInt8(deviceAndFunction[0], radix: 16), deviceAndFunction[0].count == 2, device < 32,
            let function = UInt8(deviceAndFunction[1], radix: 16), deviceAndFunction[1].count == 1, function < 8
        else { return nil }
        var domain: UInt16 = 0
        if parts.count == 3 {
            guard parts[0].count == 4, let value = UInt16(parts[0], radix: 16) else { return nil }
            domain = value
        }
        self.init(domain: domain, bus: bus, device: device, function: function)
    }

    /// `0000:00:03.0`.
    public var description: String {
        hex(UInt64(domain), 4) + ":" + hex(UInt64(bus), 2) + ":" + hex(UInt64(device), 2) + "." + String(function, radix: 16)
    }

    /// The function's folder in sysfs.
    public var sysfsPath: String { "/sys/bus/pci/devices/\(self)" }

    private func hex(_ value: UInt64, _ digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
