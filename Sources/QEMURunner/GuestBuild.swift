import Foundation

/// Builds the guest's executables as static Linux executables (the guest has no libraries),
/// in a scratch folder of their own so a build already running in the package is not disturbed.
public struct GuestBuild: Sendable {
    public let system: any HostSystem
    /// The package folder.
    public let package: String
    /// Where the build goes (`.build-qemu` in the package by default).
    public let scratchPath: String

    public init(system: any HostSystem, package: String, scratchPath: String) {
        self.system = system
        self.package = package
        self.scratchPath = scratchPath
    }

    /// Builds `product` and returns the executable's path.
    public func build(_ product: String, linking libraries: [String]) throws(QEMURunError) -> String {
        guard let swift = system.executable(named: "swift") else {
            throw .build("drivergen qemu builds the guest executables with `swift build`, which is not on PATH")
        }
        var arguments = [
            "build", "-c", "release", "--package-path", package, "--product", product, "--scratch-path", scratchPath,
            "-Xswiftc", "-static-executable",
        ]
        for library in libraries { arguments += ["-Xlinker", "-l\(library)"] }
        let result = system.run(swift, arguments, environment: [:])
        guard result.status == 0 else { throw .build(Self.explain(product: product, output: result.output)) }
        let path = scratchPath + "/release/" + product
        guard system.fileExists(path) else {
            throw .build("swift build reported success but \(path) is not there: is '\(product)' an executable product of the package?")
        }
        return path
    }

    /// What a failed static build means, from its output: a static library missing (named, with
    /// the Debian package that has it), or the compiler's first errors.
    public static func explain(product: String, output: String) -> String {
        let lines = output.split(separator: "\n").map(String.init)
        let missing = lines.compactMap(missingLibrary).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !missing.isEmpty {
            let files = missing.map { "lib\($0).a" }.joined(separator: ", ")
            let packages = missing.compactMap { debianPackages[$0] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let install = packages.isEmpty ? "" : " (Debian: apt-get install \(packages.joined(separator: " ")), or list it under \"packages\" in the configuration)"
            return "the guest executable \(product) does not link statically: the static library \(files) is missing\(install)"
        }
        if let undefined = lines.first(where: { $0.contains("undefined reference to") || $0.contains("undefined symbol:") }) {
            return "the guest executable \(product) does not link statically: \(undefined.trimmingCharacters(in: .whitespaces)); "
                + "add the library that defines it under \"link-libraries\" for \(product) in the configuration"
        }
        if lines.contains(where: { $0.contains("no product named") || $0.contains("no executable product named") }) {
            return "the package has no executable product '\(product)': name one in \"guest\" (and \"also-build\")"
        }
        let errors = lines.filter { $0.contains("error:") }.prefix(10)
        return "building \(product) for the guest failed:\n" + (errors.isEmpty ? Provisioning.tail(output) : errors.joined(separator: "\n"))
    }

    /// The library a linker line says it cannot find (`cannot find -lxml2`, `unable to find library -lxml2`).
    static func missingLibrary(_ line: String) -> String? {
        for marker in ["cannot find -l", "unable to find library -l"] {
            if let range = line.range(of: marker) {
                let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-" || $0 == "." }
                if !name.isEmpty { return String(name) }
            }
        }
        return nil
    }

    /// Debian packages with the static libraries Swift programs most often need.
    static let debianPackages: [String: String] = [
        "xml2": "libxml2-dev", "z": "zlib1g-dev", "lzma": "liblzma-dev", "icuuc": "libicu-dev", "icudata": "libicu-dev",
        "icui18n": "libicu-dev", "curl": "libcurl4-openssl-dev", "ssl": "libssl-dev", "crypto": "libssl-dev",
        "sqlite3": "libsqlite3-dev", "stdc++": "libstdc++-12-dev", "yaml": "libyaml-dev",
    ]
}
