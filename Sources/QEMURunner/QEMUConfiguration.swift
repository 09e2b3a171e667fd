import Foundation

/// What `drivergen qemu` runs: the `"qemu"` object of `drivergen.json` (or of the file given
/// with `--config`). Paths are relative to the package.
///
/// ```json
/// "qemu": {
///   "guest": "MyDriverGuest",
///   "devices": [["-device", "edu"]],
///   "time-limit": 600
/// }
/// ```
public struct QEMUConfiguration: Decodable, Equatable, Sendable {
    /// The executable product that runs the scenarios in the guest (built statically).
    public var guest: String
    /// Its command-line arguments.
    public var arguments: [String]
    /// More executable products to build statically and put in the guest's `/bin`.
    public var alsoBuild: [String]
    /// Libraries a product needs when linked statically (`-l` names), by product.
    public var linkLibraries: [String: [String]]
    /// Debian packages to install when missing (static libraries those products need).
    public var packages: [String]
    /// QEMU arguments, one group per device; `{work}` is the run's scratch folder, where the
    /// backing files are.
    public var devices: [[String]]
    /// Files to create in the scratch folder before QEMU starts (disk images, shared memory).
    public var backingFiles: [BackingFile]
    /// Package files or folders copied into the guest under `/files`.
    public var guestFiles: [String]
    /// A shell script (a package path) the guest runs after the scenarios, with `/files` there.
    public var afterGuest: String?
    /// Scripts run on the host after QEMU exits, with `DRIVERGEN_QEMU_WORK` (the scratch
    /// folder) and `DRIVERGEN_QEMU_CONSOLE` (the console log) set. Each `PASS ...` / `FAIL ...`
    /// line they print counts; a non-zero exit is a failure.
    public var hostChecks: [String]
    /// Seconds the whole boot may take.
    public var timeLimit: Int
    /// Guest memory in MiB.
    public var memory: Int

    /// A file of `size` bytes (`4M`, `512K`, `1G`, or a number) named `name` in the scratch folder.
    public struct BackingFile: Decodable, Equatable, Sendable {
        public var name: String
        public var size: String

        public init(name: String, size: String) {
            self.name = name
            self.size = size
        }

        /// The size in bytes, or nil when `size` is not a size.
        public var bytes: Int? {
            let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
            if let unit = size.last.flatMap({ units[$0] }) { return Int(size.dropLast()).map { $0 * unit } }
            return Int(size)
        }
    }

    public init(
        guest: String, arguments: [String] = [], alsoBuild: [String] = [], linkLibraries: [String: [String]] = [:],
        packages: [String] = [], devices: [[String]] = [], backingFiles: [BackingFile] = [], guestFiles: [String] = [],
        afterGuest: String? = nil, hostChecks: [String] = [], timeLimit: Int = 600, memory: Int = 1024
    ) {
        self.guest = guest
        self.arguments = arguments
        self.alsoBuild = alsoBuild
        self.linkLibraries = linkLibraries
        self.packages = packages
        self.devices = devices
        self.backingFiles = backingFiles
        self.guestFiles = guestFiles
        self.afterGuest = afterGuest
        self.hostChecks = hostChecks
        self.timeLimit = timeLimit
        self.memory = memory
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case guest, arguments, packages, devices, memory
        case alsoBuild = "also-build"
        case linkLibraries = "link-libraries"
        case backingFiles = "backing-files"
        case guestFiles = "guest-files"
        case afterGuest = "after-guest"
        case hostChecks = "host-checks"
        case timeLimit = "time-limit"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guest = try container.decode(String.self, forKey: .guest)
        arguments = try container.decodeIfPresent([String].self, forKey: .arguments) ?? []
        alsoBuild = try container.decodeIfPresent([String].self, forKey: .alsoBuild) ?? []
        linkLibraries = try container.decodeIfPresent([String: [String]].self, forKey: .linkLibraries) ?? [:]
        packages = try container.decodeIfPresent([String].self, forKey: .packages) ?? []
        devices = try container.decodeIfPresent([[String]].self, forKey: .devices) ?? []
        backingFiles = try container.decodeIfPresent([BackingFile].self, forKey: .backingFiles) ?? []
        guestFiles = try container.decodeIfPresent([String].self, forKey: .guestFiles) ?? []
        afterGuest = try container.decodeIfPresent(String.self, forKey: .afterGuest)
        hostChecks = try container.decodeIfPresent([String].self, forKey: .hostChecks) ?? []
        timeLimit = try container.decodeIfPresent(Int.self, forKey: .timeLimit) ?? 600
        memory = try container.decodeIfPresent(Int.self, forKey: .memory) ?? 1024
    }

    /// The `"qemu"` object of the JSON file at `path`.
    public static func load(from path: String) throws(QEMURunError) -> QEMUConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("\(path): no such file; add a \"qemu\" object to drivergen.json (docs/linux.md, \"Test on QEMU in CI\")")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw QEMURunError.configuration("\(path): not a JSON object")
            }
            object = parsed
        } catch let error as QEMURunError {
            throw error
        } catch {
            throw .configuration("\(path): not valid JSON: \(error.localizedDescription)")
        }
        guard let qemu = object["qemu"] as? [String: Any] else {
            throw .configuration("\(path) has no \"qemu\" object: give at least {\"qemu\": {\"guest\": \"<executable product>\"}}")
        }
        let known = CodingKeys.allCases.map(\.rawValue)
        if let unknown = qemu.keys.sorted().first(where: { !known.contains($0) }) {
            throw .configuration("\(path): unknown key '\(unknown)' in \"qemu\"; known keys: \(known.joined(separator: ", "))")
        }
        do {
            let section = try JSONSerialization.data(withJSONObject: qemu)
            let configuration = try JSONDecoder().decode(QEMUConfiguration.self, from: section)
            if let file = configuration.backingFiles.first(where: { $0.bytes == nil }) {
                throw QEMURunError.configuration("\(path): backing file '\(file.name)' has size '\(file.size)'; write a number of bytes or 512K, 4M, 1G")
            }
            return configuration
        } catch let error as QEMURunError {
            throw error
        } catch DecodingError.keyNotFound(let key, _) {
            throw .configuration("\(path): \"qemu\" needs \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context) {
            throw .configuration("\(path): \"qemu\".\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type: \(context.debugDescription)")
        } catch {
            throw .configuration("\(path): invalid \"qemu\" object: \(error)")
        }
    }
}
