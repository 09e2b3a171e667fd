import DriverCodegen
import DriverSpec
import Foundation
import TestSupport
import Testing

/// The rendered text of small specs, compared with reviewed copies in `Golden/<spec>/`.
/// Run with `DRIVERGEN_UPDATE_GOLDENS=1` to rewrite the copies after an intended change,
/// then review the diff. (The bundled specs' output is compiled and exercised by other tests.)
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: ["minimal", "actions"])
    func renderedFilesMatchTheReviewedCopies(name: String) throws {
        let files = try Self.render(name)
        let expectedDirectory = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DRIVERGEN_UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: expectedDirectory)
            for file in files {
                let url = expectedDirectory.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        let expectedFiles = try FileManager.default.subpathsOfDirectory(atPath: expectedDirectory.path)
            .filter { !FileManager.default.isDirectory(expectedDirectory.appendingPathComponent($0)) }
        #expect(Set(expectedFiles) == Set(files.map(\.path)))
        for file in files {
            let expected = try String(contentsOf: expectedDirectory.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.contents == expected, "\(name)/\(file.path) differs from its golden copy")
        }
    }

    @Test(arguments: ["minimal", "actions"])
    func goldenOutputCompiles(name: String) throws {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var swiftFiles: [URL] = []
        for file in try Self.render(name) where file.path.hasSuffix(".swift") {
            let url = directory.appendingPathComponent((file.path as NSString).lastPathComponent)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            swiftFiles.append(url)
        }
        let result = try SwiftTypeChecker.typeCheck(files: swiftFiles)
        #expect(result.status == 0, "\(result.errors)")
    }

    static func render(_ name: String) throws -> [GeneratedFile] {
        let spec = directory.appendingPathComponent("\(name).yaml").path
        let outcome = GenerationPipeline.render(.init(specPaths: [spec]))
        return try #require(outcome.files, "\(outcome.diagnostics)")
    }
}

extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
