import Foundation

/// The guest's root file system: busybox, the kernel's VFIO modules, the guest executables, the
/// package files the configuration names, and an `/init` that loads the modules, runs the
/// scenarios, then the after-guest script, and powers off.
public struct Initramfs: Sendable {
    /// Console markers the runner reads.
    public enum Marker {
        public static let started = "drivergen-qemu: guest started"
        public static let exitStatus = "drivergen-qemu: guest exit status "
        public static let done = "drivergen-qemu: guest done"
    }

    public let system: any HostSystem
    /// The kernel's module folder (`/lib/modules/<version>`).
    public let modules: String

    public init(system: any HostSystem, modules: String) {
        self.system = system
        self.modules = modules
    }

    /// The modules VFIO needs, and theirs, in load order (a module built into the kernel is left out).
    public func vfioModules() throws(QEMURunError) -> [String] {
        guard let dependencies = try? String(contentsOfFile: modules + "/modules.dep", encoding: .utf8) else {
            throw .missingTools("no modules for the guest kernel in \(modules) (modules.dep is missing): install the kernel's modules package")
        }
        let builtin = (try? String(contentsOfFile: modules + "/modules.builtin", encoding: .utf8)) ?? ""
        var table: [String: [String]] = [:]
        for line in dependencies.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard let path = parts.first else { continue }
            table[String(path)] = parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : []
        }
        var order: [String] = []
        func add(_ path: String) {
            for dependency in table[path] ?? [] { add(dependency) }
            if !order.contains(path) { order.append(path) }
        }
        for module in ["vfio/pci/vfio-pci", "vfio/vfio_iommu_type1"] {
            if let path = table.keys.sorted().first(where: { $0.hasPrefix("kernel/drivers/\(module).ko") }) {
                add(path)
            } else if !builtin.contains("kernel/drivers/\(module).ko") {
                throw .missingTools("the guest kernel (\(modules)) has no \(module).ko module and does not build it in: VFIO is needed to open devices")
            }
        }
        return order
    }

    /// Packs the initramfs at `output` (a gzipped newc cpio archive) from `folder`, a scratch folder.
    public func pack(
        into output: String, folder: String, executables: [String: String], guest: String, arguments: [String],
        files: [(source: String, name: String)], afterGuest: String?
    ) throws(QEMURunError) {
        let fileManager = FileManager.default
        do {
            for sub in ["bin", "sbin", "proc", "sys", "dev", "tmp", "modules", "files"] {
                try fileManager.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
            }
            try fileManager.copyItem(atPath: "/bin/busybox", toPath: folder + "/bin/busybox")
            for (name, path) in executables.sorted(by: { $0.key < $1.key }) {
                try fileManager.copyItem(atPath: path, toPath: folder + "/bin/" + name)
                if let strip = system.executable(named: "strip") { _ = system.run(strip, [folder + "/bin/" + name], environment: [:]) }
            }
            for file in files {
                try fileManager.copyItem(atPath: file.source, toPath: folder + "/files/" + file.name)
            }
            if let afterGuest {
                try fileManager.copyItem(atPath: afterGuest, toPath: folder + "/after-guest")
                try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/after-guest")
            }
        } catch {
            throw .configuration("packing the guest's files failed: \(error.localizedDescription)")
        }
        var loaded: [String] = []
        for path in try vfioModules() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let plain = name.replacingOccurrences(of: ".ko.xz", with: ".ko").replacingOccurrences(of: ".ko.zst", with: ".ko")
            let source = modules + "/" + path, target = folder + "/modules/" + plain
            let command: String =
                switch true {
                case name.hasSuffix(".ko.xz"): "xz -dc '\(source)' > '\(target)'"
                case name.hasSuffix(".ko.zst"): "zstd -qdc '\(source)' > '\(target)'"
                default: "cp '\(source)' '\(target)'"
                }
            let copied = system.run("/bin/sh", ["-c", command], environment: [:])
            guard copied.status == 0 else { throw .missingTools("cannot unpack the kernel module \(source): \(copied.output)") }
            loaded.append(plain)
        }
        do {
            try (loaded.joined(separator: "\n") + "\n").write(toFile: folder + "/modules/order", atomically: true, encoding: .utf8)
            try Self.initScript(guest: guest, arguments: arguments, afterGuest: afterGuest != nil).write(toFile: folder + "/init", atomically: true, encoding: .utf8)
            try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/init")
        } catch {
            throw .configuration("writing the guest's init failed: \(error.localizedDescription)")
        }
        let archive = system.run("/bin/sh", ["-c", "cd '\(folder)' && find . | cpio -o -H newc --quiet | gzip -1 > '\(output)'"], environment: [:])
        guard archive.status == 0 else { throw .missingTools("packing the initramfs with cpio and gzip failed: \(archive.output)") }
    }

    /// The guest's `/init`.
    public static func initScript(guest: String, arguments: [String], afterGuest: Bool) -> String {
        let quoted = ([guest] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return """
            #!/bin/busybox sh
            /bin/busybox --install -s /bin
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            for module in $(cat /modules/order); do insmod /modules/$module || echo "insmod $module failed"; done
            echo "\(Marker.started)"
            /bin/\(quoted.joined(separator: " "))
            echo "\(Marker.exitStatus)$?"
            \(afterGuest ? "(cd /files && /after-guest)" : ":")
            echo "\(Marker.done)"
            poweroff -f

            """
    }
}
