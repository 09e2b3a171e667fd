/// What the runner needs on the host, and installing it on Debian and Ubuntu.
public struct Provisioning: Sendable {
    /// A missing piece: what it is and the Debian package that brings it.
    public struct Need: Equatable, Sendable {
        public var what: String
        public var package: String
    }

    public let system: any HostSystem

    public init(system: any HostSystem) {
        self.system = system
    }

    /// What is missing for a run that also needs `packages`.
    public func missing(packages: [String]) -> [Need] {
        var needs: [Need] = []
        if system.executable(named: "qemu-system-x86_64") == nil { needs.append(Need(what: "QEMU (qemu-system-x86_64)", package: "qemu-system-x86")) }
        if system.kernelImage == nil {
            needs.append(Need(what: "a Linux kernel for the guest (/boot/vmlinuz-*)", package: system.distribution == "ubuntu" ? "linux-image-generic" : "linux-image-amd64"))
        }
        if !system.hasStaticBusybox { needs.append(Need(what: "a static busybox for the guest's shell", package: "busybox-static")) }
        if system.executable(named: "cpio") == nil { needs.append(Need(what: "cpio, to pack the initramfs", package: "cpio")) }
        for package in packages where !system.isInstalled(package: package) {
            needs.append(Need(what: package, package: package))
        }
        return needs
    }

    /// Installs what is missing, or throws saying exactly what to install.
    public func ensure(packages: [String], log: (String) -> Void) throws(QEMURunError) {
        guard system.operatingSystem == "Linux" else {
            throw .unsupportedPlatform(
                "drivergen qemu boots a Linux guest that opens devices through VFIO, which needs a Linux host with QEMU; "
                    + "\(system.operatingSystem) has no such path without a Linux VM. Run it on Linux: a GitHub Actions ubuntu runner, "
                    + "a container, or a Linux VM (docs/linux.md, \"Test on QEMU in CI\").")
        }
        let needs = missing(packages: packages)
        guard !needs.isEmpty else { return }
        let names = needs.map(\.package)
        let command = "apt-get install -y " + names.joined(separator: " ")
        let what = needs.map(\.what).joined(separator: ", ")
        guard system.executable(named: "apt-get") != nil else {
            throw .missingTools(
                "drivergen qemu needs \(what), which are not installed, and this system has no apt-get to install them; install the equivalents of the Debian packages \(names.joined(separator: " "))"
            )
        }
        guard system.isRoot else {
            throw .missingTools("drivergen qemu needs \(what), which are not installed, and cannot install them (it is not running as root); install them: sudo \(command)")
        }
        log("drivergen qemu: installing \(names.joined(separator: " "))")
        let environment = ["DEBIAN_FRONTEND": "noninteractive"]
        let update = system.run("/usr/bin/env", ["apt-get", "update", "-qq"], environment: environment)
        let install =
            update.status == 0
            ? system.run("/usr/bin/env", ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + names, environment: environment)
            : update
        guard install.status == 0 else {
            throw .missingTools("drivergen qemu could not install \(names.joined(separator: " ")) (\(command) failed):\n" + Self.tail(install.output))
        }
        let still = missing(packages: packages)
        guard still.isEmpty else {
            throw .missingTools("drivergen qemu installed \(names.joined(separator: " ")) but still lacks \(still.map(\.what).joined(separator: ", "))")
        }
    }

    static func tail(_ text: String, lines: Int = 20) -> String {
        ConsoleReport.lines(text).suffix(lines).joined(separator: "\n")
    }
}
