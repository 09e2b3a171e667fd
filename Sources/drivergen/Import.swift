import ArgumentParser
import DriverCodegen
import DriverImport
import DriverSpec
import Foundation

extension ImportFormat: ExpressibleByArgument {}
extension ImportForm: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a spec from a CMSIS-SVD or IP-XACT register map.",
        discussion: """
            Reads FILE (svd: CMSIS-SVD; ipxact: IP-XACT 1685-2009 or 1685-2014) and writes one spec to \
            --output, or to standard output. What the source does not say (PCI ids, bundle id) comes from the \
            options. Everything that cannot be carried over is a located warning, counted at the end. \
            See docs/import.md.
            """)

    @Argument(help: "The source format: svd or ipxact.")
    var format: ImportFormat

    @Argument(help: "The register map to read.")
    var file: String

    @Option(name: .shortAndLong, help: "The spec file to write (default: standard output).")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The spec's form: microcontroller (peripherals at their addresses, interrupt lines) or pci (BARs, PCI ids, a driver).",
            discussion: "Default: microcontroller for svd, unless a PCI option (--vendor, --device, --bundle-id, --driver-class, --bar) is given; ipxact is always pci."))
    var form: ImportForm?

    @Option(
        help: ArgumentHelp(
            "Only these peripherals (SVD) or address blocks (IP-XACT), as NAME[,NAME...], with their interrupts.",
            valueName: "names"))
    var peripherals: String?

    @Option(help: "The device's name (default: the SVD device or IP-XACT component name).")
    var name: String?

    @Option(help: "The PCI vendor id, e.g. 0x1B36.")
    var vendor: String?

    @Option(help: "The PCI device id.")
    var device: String?

    @Option(help: "The driver's bundle id (default: com.example.driver.<Name>).")
    var bundleId: String?

    @Option(help: "The driver class (default: <Name>Driver).")
    var driverClass: String?

    @Option(
        help: ArgumentHelp(
            "Blocks that go into a BAR other than 0, as NAME[,NAME...]=INDEX (repeatable).",
            discussion: "Blocks are SVD peripherals or IP-XACT address blocks; each BAR's offsets start at its lowest block base."))
    var bar: [String] = []

    func run() throws {
        let options = try importOptions()
        let result = SpecImporter.importFile(path: file, format: format, options: options, specFile: output ?? "<stdout>")
        Console.report(result.diagnostics)
        guard let text = result.text else {
            Console.status("import failed; nothing written")
            throw ExitCode.failure
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        let losses = result.losses
        let summary = "\(warnings) warning\(warnings == 1 ? "" : "s"); not imported: \(losses.registers) registers, \(losses.fields) fields, \(losses.enumValues) enum values"
        guard let output else {
            Console.output(text)
            Console.status(summary)
            return
        }
        let folder = (output as NSString).deletingLastPathComponent
        let directory = OutputDirectory(path: folder.isEmpty ? "." : folder)
        do {
            _ = try OutputPlan(directory: directory).write(
                [GeneratedFile(path: (output as NSString).lastPathComponent, contents: text)], removingStale: false,
                waiting: { Console.status("\($0)…") })
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        Console.status("wrote \(output); \(summary)")
    }

    private func importOptions() throws -> ImportOptions {
        var assignments: [String: Int] = [:]
        for item in bar {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let index = Int(parts[1]), (0...5).contains(index) else {
                throw ValidationError("--bar '\(item)' is not NAME[,NAME...]=INDEX with INDEX 0...5")
            }
            for name in parts[0].split(separator: ",") { assignments[String(name)] = index }
        }
        let pciOptions = vendor != nil || device != nil || bundleId != nil || driverClass != nil || !bar.isEmpty
        if form == .microcontroller && (pciOptions || format == .ipxact) {
            throw ValidationError(
                format == .ipxact
                    ? "--form microcontroller needs an SVD file; IP-XACT imports as a PCI device"
                    : "--vendor, --device, --bundle-id, --driver-class and --bar describe a PCI device; drop them or use --form pci")
        }
        return ImportOptions(
            form: form ?? (pciOptions || format == .ipxact ? .pci : .microcontroller),
            name: name, vendorID: try pciID(vendor, "--vendor"), deviceID: try pciID(device, "--device"),
            bundleID: bundleId, driverClass: driverClass, barAssignments: assignments,
            blocks: peripherals.map { Set($0.split(separator: ",").map(String.init)) })
    }

    private func pciID(_ text: String?, _ option: String) throws -> UInt16? {
        guard let text else { return nil }
        let lower = text.lowercased()
        let value = lower.hasPrefix("0x") ? UInt16(lower.dropFirst(2), radix: 16) : UInt16(lower)
        guard let value, value != 0, value != 0xFFFF else {
            throw ValidationError("\(option) '\(text)' is not a 16-bit PCI id (0x0001...0xFFFE)")
        }
        return value
    }
}
