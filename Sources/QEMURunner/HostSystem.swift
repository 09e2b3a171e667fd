import Foundation

/// What the runner asks of the machine it runs on; tests give a fake.
public protocol HostSystem: Sendable {
    /// `Linux`, `macOS`, ...
    var operatingSystem: String { get }
    /// The distribution's id from /etc/os-release (`debian`, `ubuntu`), if any.
    var distribution: String? { get }
    var isRoot: Bool { get }
    /// The path of an executable found on `PATH`, if any.
    func executable(named name: String) -> String?
    /// The newest kernel image under /boot, if any.
    var kernelImage: String? { get }
    func isReadable(_ path: String) -> Bool
    func fileExists(_ path: String) -> Bool
    /// Whether a static busybox with the applets the guest uses is there.
    var hasStaticBusybox: Bool { get }
    /// Whether the Debian package is installed.
    func isInstalled(package: String) -> Bool
    /// Whether KVM can be used (`/dev/kvm` readable and writable).
    var kvmUsable: Bool { get }
    /// Runs a command to its end; its status and combined output.
    func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> (status: Int32, output: String)
}

/// The machine the runner runs on.
public struct LocalHostSystem: HostSystem {
    public init() {}

    public var operatingSystem: String {
        #if os(Linux)
        "Linux"
        #elseif os(macOS)
        "macOS"
        #else
        "this system"
        #endif
    }

    public var distribution: String? {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("ID=") {
            return line.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    public var isRoot: Bool { getuid() == 0 }

    public func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public var kernelImage: String? {
        let images = ((try? FileManager.default.contentsOfDirectory(atPath: "/boot")) ?? []).filter { $0.hasPrefix("vmlinuz-") }
        return images.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last.map { "/boot/" + $0 }
    }

    public func isReadable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }

    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public var hasStaticBusybox: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/bin/busybox") else { return false }
        let list = run("/bin/busybox", ["--list"], environment: [:])
        return list.status == 0 && list.output.split(separator: "\n").contains("insmod")
            && run("/usr/bin/file", ["-L", "/bin/busybox"], environment: [:]).output.contains("statically linked")
    }

    public func isInstalled(package: String) -> Bool {
        let query = run("/usr/bin/dpkg-query", ["-W", "-f=${Status}", package], environment: [:])
        return query.status == 0 && query.output.contains("install ok installed")
    }

    public var kvmUsable: Bool { access("/dev/kvm", R_OK | W_OK) == 0 }

    public func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(executable): \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
