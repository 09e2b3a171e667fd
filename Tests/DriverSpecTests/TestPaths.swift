import Foundation
import TestSupport

/// Paths this target's tests use.
enum TestPaths {
    static let specs = Repository.specs
    static let invalidSpecs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("InvalidSpecs")
    static let schema = Repository.root.appendingPathComponent("docs/drivergen-spec.schema.json")

    static func bundledSpec(_ name: String) -> String { Repository.spec(name).path }
}
