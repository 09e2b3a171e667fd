#if os(Linux)
import DriverRuntime
import GeneratedDrivers
import Glibc
import VFIOHost

/// The drivers this repository generates, with their personalities.
enum BundledDrivers {
    static let all: [(any PCIDriver.Type, [Personality])] = [
        (EduDriver.self, Edu.personalities), (IvshmemDriver.self, Ivshmem.personalities),
        (E1000eDriver.self, E1000e.personalities), (NVMeDriver.self, NVMe.personalities),
        (BoltStoreDriver.self, BoltStore.personalities),
    ]

    /// The personality of a bundled driver that matches these ids, if any.
    static func match(_ device: PCIMatchDevice) -> String? {
        var catalog = DriverCatalog()
        for (type, personalities) in all { catalog.register(type, personalities: personalities) }
        return try? catalog.bestMatch(for: device).get().personality.name
    }
}

/// Prints every PCI function with its ids, its kernel driver and the bundled driver that matches.
func listFunctions() {
    for name in directory("/sys/bus/pci/devices") {
        guard let address = PCIAddress(name) else { continue }
        let path = address.sysfsPath
        let vendor = hex(path + "/vendor"), device = hex(path + "/device"), classCode = hex(path + "/class")
        let identity = PCIMatchDevice(
            vendor: UInt16(vendor ?? 0), device: UInt16(device ?? 0), subsystemVendor: UInt16(hex(path + "/subsystem_vendor") ?? 0),
            subsystem: UInt16(hex(path + "/subsystem_device") ?? 0), classCode: UInt32(classCode ?? 0), revision: UInt8(hex(path + "/revision") ?? 0))
        let kernelDriver = VFIOBinding.driver(of: address) ?? "-"
        let bundled = BundledDrivers.match(identity) ?? "-"
        print("\(address)  \(String(format4(vendor))):\(String(format4(device)))  driver \(kernelDriver)  matches \(bundled)")
    }
}

/// Attaches the matching bundled driver, exercises it if asked, counts interrupts, stops.
func run(_ address: PCIAddress, bind: Bool, exercise: Bool, seconds: Int) async -> Int32 {
    let attachment: VFIOAttachment
    do {
        attachment = try await host.attach(address, bind: bind)
    } catch {
        print("error: \(error)")
        return 1
    }
    print("\(address): \(attachment.personality.name) started (BARs mapped: \(attachment.provider.mappedBARs))")
    if exercise {
        for line in await Exercises.run(attachment) { print("  \(line)") }
    }
    if seconds > 0 {
        print("  running for \(seconds) s")
        try? await Task.sleep(for: .seconds(seconds))
    }
    for line in await Exercises.summary(attachment) { print("  \(line)") }
    await attachment.detach()
    print("\(address): stopped")
    return 0
}

private func directory(_ path: String) -> [String] {
    guard let folder = opendir(path) else { return [] }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
}

private func hex(_ path: String) -> UInt64? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 2 else { return nil }
    return UInt64(String(decoding: buffer[2..<count], as: UTF8.self).filter(\.isHexDigit), radix: 16)
}

private func format4(_ value: UInt64?) -> String {
    let digits = String(value ?? 0, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
#endif
