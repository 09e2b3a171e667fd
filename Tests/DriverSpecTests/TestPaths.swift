import Foundation

/// Paths of the repository's files, found from this source file so tests run from any directory.
enum TestPaths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let specs = repositoryRoot.appendingPathComponent("Specs")
    static let invalidSpecs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("InvalidSpecs")
    static let schema = repositoryRoot.appendingPathComponent("docs/drivergen-spec.schema.json")

    static func bundledSpec(_ name: String) -> String { specs.appendingPathComponent(name).path }
}
