import ArgumentParser
import DriverRuntime
import DriverSpec
import RegisterDump

#if os(Linux)
import VFIOHost
#endif

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a real device's registers through VFIO (Linux) and print them decoded with a spec's names.",
        discussion: """
            Reads every register the spec says can be read without side effects and prints it with \
            its fields and enum cases. Registers whose reads clear or set bits (rc, rs, rc-w1c) are \
            skipped unless --include-side-effects is given; write-only ones always are. The device \
            must be bound to vfio-pci (or pass --bind); see docs/linux.md.
            """)

    @Argument(help: "The spec of the device.")
    var spec: String

    @Option(help: "The PCI function, e.g. 0000:00:03.0.")
    var device: String

    @Flag(help: "Bind the function to vfio-pci first (through driver_override).")
    var bind = false

    @Flag(help: "Also read registers whose reads change the device.")
    var includeSideEffects = false

    @Flag(help: "Read the device even when its ids are not the spec's.")
    var force = false

    func run() throws {
        let loaded = SpecLoader.load(path: spec)
        Console.report(loaded.diagnostics)
        guard let model = loaded.spec else { throw ExitCode(2) }
        #if os(Linux)
        guard let address = PCIAddress(device) else {
            Console.error("error: '\(device)' is not a PCI address; write it as domain:bus:device.function, e.g. 0000:00:03.0")
            throw ExitCode(2)
        }
        do {
            let lines = try Self.read(model, at: address, bind: bind, includeSideEffects: includeSideEffects, force: force)
            Console.output(RegisterDump.render(lines))
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        #else
        Console.error("error: drivergen dump reads devices through Linux VFIO; it is not available on this system")
        throw ExitCode(2)
        #endif
    }

    #if os(Linux)
    private final class Session {}

    static func read(_ spec: DeviceSpec, at address: PCIAddress, bind: Bool, includeSideEffects: Bool, force: Bool) throws -> [RegisterDump.Line] {
        let provider = VFIOProvider(device: try VFIODevice(address: address, bind: bind))
        defer { provider.shutDown() }
        let ids = provider.configurationRead32(at: PCIConfiguration.vendorID)
        let vendor = UInt16(truncatingIfNeeded: ids), deviceID = UInt16(truncatingIfNeeded: ids >> 16)
        if !force && (vendor != spec.pci.vendor || !spec.pci.devices.contains(deviceID)) {
            throw DumpError(
                "\(address) is \(hex(vendor)):\(hex(deviceID)), not a device of \(spec.file) (\(hex(spec.pci.vendor)):\(spec.pci.devices.map(hex).joined(separator: "/"))); --force reads it anyway"
            )
        }
        let session = Session()
        try provider.open(for: session)
        defer { provider.close(for: session) }
        let command = provider.configurationRead16(at: PCIConfiguration.command)
        provider.configurationWrite16(command | PCIConfiguration.memorySpaceEnable, at: PCIConfiguration.command)
        defer { provider.configurationWrite16(command, at: PCIConfiguration.command) }
        Console.status("\(spec.name) at \(address) (\(hex(vendor)):\(hex(deviceID)))")
        return try RegisterDump(spec: spec, options: .init(includeSideEffects: includeSideEffects)).read(from: provider)
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
    #endif
}

struct DumpError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
