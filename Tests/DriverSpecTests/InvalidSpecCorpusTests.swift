import DriverSpec
import Foundation
import Testing

/// Every file in `InvalidSpecs/` must produce exactly the diagnostics in its `.expected` twin.
@Suite struct InvalidSpecCorpusTests {
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.invalidSpecs.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 85)
        #expect(Self.cases.count { $0.hasPrefix("structure-") || $0.hasPrefix("ring-") } >= 12, "DMA memory: structures and rings")
    }

    @Test(arguments: cases)
    func producesExactlyTheExpectedDiagnostics(file: String) throws {
        let spec = TestPaths.invalidSpecs.appendingPathComponent(file)
        let expectedFile = spec.deletingPathExtension().appendingPathExtension("expected")
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let result = SpecLoader.load(data: try Data(contentsOf: spec), file: file)
        #expect(result.spec == nil, "an invalid spec must not produce a model")
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.map(\.description) == expected)
    }
}
