import Foundation

/// Runs the Swift compiler on code against the package's built modules, to prove that code
/// compiles, or that it does not.
public enum SwiftTypeChecker {
    /// Type-checks `sources` (as one module) importing the package's modules; returns the
    /// compiler's result. `mainSource` is added as `main.swift` if given.
    public static func typeCheck(files: [URL], moduleName: String = "Check") throws -> Shell.Result {
        let build = Repository.buildDirectory
        let arguments =
            [
                "swiftc", "-typecheck", "-swift-version", "6", "-module-name", moduleName, "-parse-as-library",
                "-I", build.appendingPathComponent("Modules").path,
                "-Xcc", "-fmodule-map-file=\(build.appendingPathComponent("CVolatile.build/module.modulemap").path)",
                "-Xcc", "-I\(Repository.root.appendingPathComponent("Sources/CVolatile/include").path)",
                "-Xcc", "-fmodule-map-file=\(build.appendingPathComponent("CVFIO.build/module.modulemap").path)",
                "-Xcc", "-I\(Repository.root.appendingPathComponent("Sources/CVFIO/include").path)",
                "-warnings-as-errors",
            ] + files.map(\.path)
        return try Shell.run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
    }

    /// Type-checks a snippet of Swift written in a temporary file.
    public static func typeCheck(snippet: String) throws -> Shell.Result {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Snippet.swift")
        try snippet.write(to: file, atomically: true, encoding: .utf8)
        return try typeCheck(files: [file])
    }
}
