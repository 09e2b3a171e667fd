import ArgumentParser
import Foundation
import QEMURunner

struct QEMU: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run your driver's scenarios in a QEMU guest, on emulated devices, through Linux VFIO.",
        discussion: """
            Reads the "qemu" object of drivergen.json (or --config): the executable product that runs \
            the scenarios in the guest (use the QEMUGuest library), the QEMU devices to add, backing \
            files, host checks, the time limit. Installs QEMU, a kernel and busybox when missing (as \
            root, with apt-get), builds the executables statically, packs an initramfs with the \
            kernel's VFIO modules, boots QEMU (q35, intel-iommu; KVM when /dev/kvm is usable), streams \
            the console and exits 1 if anything failed, naming it. See docs/linux.md, "Test on QEMU in CI".
            """)

    @Option(help: "The JSON file with the \"qemu\" object (default: drivergen.json in the package).")
    var config: String?

    @Option(help: "The package folder.")
    var packagePath: String = "."

    @Option(name: .customLong("guest-argument"), help: "An argument for the guest executable, instead of the configuration's (repeat it for several).")
    var guestArguments: [String] = []

    @Option(help: "Seconds the boot may take, instead of the configuration's time-limit.")
    var timeLimit: Int?

    func run() throws {
        let package = URL(fileURLWithPath: packagePath).standardizedFileURL.path
        do {
            var configuration = try QEMUConfiguration.load(from: config ?? package + "/drivergen.json")
            if !guestArguments.isEmpty { configuration.arguments = guestArguments }
            if let timeLimit { configuration.timeLimit = timeLimit }
            let run = QEMURun(configuration: configuration, package: package, log: { Console.output($0 + "\n") })
            _ = try run.run()
        } catch {
            Console.error("error: \(error)")
            switch error {
            case .failed, .timeLimit: throw ExitCode.failure
            default: throw ExitCode(2)
            }
        }
    }
}
