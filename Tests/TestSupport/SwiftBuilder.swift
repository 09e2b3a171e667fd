import Foundation

/// Builds an executable from Swift files linked against the package's runtime modules, and runs it.
public enum SwiftBuilder {
    /// Object files of the modules generated code may use.
    static func runtimeObjects(including modules: [String]) throws -> [String] {
        var objects: [String] = []
        for module in ["CVolatile", "Locking", "RegisterCore", "DriverRuntime"] + modules {
            let folder = Repository.buildDirectory.appendingPathComponent("\(module).build")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".o") }
            objects += files.sorted().map { folder.appendingPathComponent($0).path }
        }
        return objects
    }

    /// Whether the package was built with ThreadSanitizer (`swift test --sanitize=thread`): then
    /// its objects call into the sanitizer's runtime, and what links them must be built with it.
    public static let isThreadSanitized: Bool = {
        guard let object = try? runtimeObjects(including: []).first(where: { $0.contains("DriverRuntime.build") }),
            let bytes = FileManager.default.contents(atPath: object)
        else { return false }
        return bytes.range(of: Data("__tsan_func_entry".utf8)) != nil
    }()

    /// Writes the Swift files of `files` (generated paths; the file name is kept) and `main` (a
    /// source with `@main`) to a scratch folder, compiles them into an executable and runs it.
    public static func buildAndRun(
        generated files: [(path: String, contents: String)], main: String, linking modules: [String] = []
    ) throws -> Shell.Result {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [URL] = []
        for file in files where file.path.hasSuffix(".swift") {
            let url = directory.appendingPathComponent((file.path as NSString).lastPathComponent)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            sources.append(url)
        }
        let mainFile = directory.appendingPathComponent("main.swift")
        try main.write(to: mainFile, atomically: true, encoding: .utf8)
        return try buildAndRun(sources + [mainFile], linking: modules)
    }

    /// Compiles `sources` (one of them with `@main`) into an executable and runs it.
    public static func buildAndRun(_ sources: [URL], linking modules: [String] = [], arguments: [String] = []) throws -> Shell.Result {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = directory.appendingPathComponent("program")
        let build = Repository.buildDirectory
        let compile = try Shell.run(
            "swiftc",
            [
                "-swift-version", "6", "-parse-as-library", "-module-name", "Program",
                "-I", build.appendingPathComponent("Modules").path,
                "-Xcc", "-fmodule-map-file=\(build.appendingPathComponent("CVolatile.build/module.modulemap").path)",
                "-Xcc", "-I\(Repository.root.appendingPathComponent("Sources/CVolatile/include").path)",
                "-o", executable.path,
            ] + (isThreadSanitized ? ["-sanitize=thread"] : []) + sources.map(\.path) + (try runtimeObjects(including: modules)))
        guard compile.status == 0 else { return compile }
        return try Shell.run(executable, arguments)
    }
}
