import DriverSpec
import Foundation
import TestSupport
import Testing

/// Input a spec loader meets in the wild: it must answer with a located error, never crash or hang.
@Suite struct HostileInputTests {
    private func messages(_ data: Data, file: String = "hostile.yaml") -> [String] {
        SpecLoader.load(data: data, file: file).diagnostics.map(\.description)
    }

    @Test func randomBytesGiveALocatedError() {
        var generator = SplitMix64(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let diagnostics = messages(Data(bytes))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("hostile.yaml:1:") == true)
        #expect(diagnostics.first?.contains("error:") == true)
    }

    @Test func invalidUTF8IsLocated() {
        let data = Data("name: Widget\npci: \u{7F}".utf8) + Data([0xC3, 0x28])
        #expect(
            messages(Data("name: Wid".utf8) + Data([0xFF]) + Data("get\n".utf8)) == [
                "hostile.yaml:1:10: error: the spec is not valid UTF-8 text; is this a binary file?"
            ])
        #expect(messages(data).first == "hostile.yaml:2:6: error: control character U+007F is not allowed in a spec; is this a binary file?")
    }

    @Test func deepNestingIsRefusedByTheParser() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let diagnostics = messages(Data(text.utf8))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("nesting is deeper than 1000 levels") == true)
    }

    @Test func deepBlockNestingIsRefusedByTheParser() {
        let text = (0..<2000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        let diagnostics = messages(Data(text.utf8))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("nesting is deeper than 1000 levels") == true)
    }

    @Test func billionLaughsIsRefusedBeforeExpansion() {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(previous)]")
        }
        lines.append("? *a9\n: boom")
        #expect(
            messages(Data(lines.joined(separator: "\n").utf8)) == [
                "hostile.yaml:1:5: error: YAML anchors are not supported in specs; write the node out, use a register array (count, stride), or quote the text"
            ])
    }

    @Test func oversizedFilesAreRefusedWithoutBeingRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 << 20)  // a sparse 100 MB file
        try handle.close()
        let result = SpecLoader.load(path: path)
        #expect(
            result.diagnostics.map(\.description) == [
                "\(path):1:1: error: spec file is \(100 << 20) bytes; the limit is \(8 << 20) bytes; split it, or remove generated filler"
            ])
    }

    @Test func missingFilesAndFoldersAreReported() {
        #expect(SpecLoader.load(path: "/nonexistent/x.yaml").diagnostics.map(\.description) == ["/nonexistent/x.yaml:1:1: error: cannot read the file"])
        #expect(SpecLoader.load(path: NSTemporaryDirectory()).diagnostics.first?.message == "is a directory, not a spec file")
    }

    @Test func hugeArraysDoNotStallValidation() {
        let registers = (0..<40).map { "      - { name: r\($0), offset: \($0 * 0x100000), count: 65536, stride: 16 }" }.joined(separator: "\n")
        let text = LoaderBehaviourTests.spec(registers: registers).replacingOccurrences(of: "size: 0x1000", with: "size: 0x100_0000_00")
            .replacingOccurrences(of: "type: mem32", with: "type: mem64")
        let started = ContinuousClock.now
        let diagnostics = messages(Data(text.utf8))
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(diagnostics.contains { $0.contains("register elements; the limit is 1048576") })
    }
}

/// Millions of mistakes give a bounded report, like a compiler's error limit.
@Suite struct DiagnosticLimitTests {
    @Test func aFloodOfErrorsIsCappedAndCounted() {
        let text = "name: Widget\n" + (0..<5000).map { "unknown\($0): 1" }.joined(separator: "\n")
        let diagnostics = SpecLoader.load(text: text, file: "flood.yaml").diagnostics
        #expect(diagnostics.count == 1001, "5000 unknown keys and 3 missing ones, capped")
        #expect(diagnostics.first?.description == "flood.yaml:1:1: error: too many problems: 5003 in all; the first 1000 found are shown")
        #expect(diagnostics.dropFirst().allSatisfy { $0.severity == .error })
    }
}

/// Input that would make the loader build millions of nodes is refused as libyaml's events
/// arrive, at the first node over the limit: no more than the limit is ever built.
@Suite struct NodeLimitTests {
    @Test func millionsOfTinyNodesAreRefusedAtTheLimit() {
        let text = "name: X\nbars: [" + Array(repeating: "{}", count: 2_100_000).joined(separator: ",") + "]\n"
        // Nodes 1-5 are the root mapping, `name`, `X`, `bars` and the list; the 1,999,996th `{}`, at
        // column 8 + 3 * 1,999,995, is node 2,000,001.
        #expect(
            SpecLoader.load(text: text, file: "wide.yaml").diagnostics.map(\.description) == [
                "wide.yaml:2:\(8 + 3 * 1_999_995): error: the spec holds more than 2000000 YAML nodes; split the device description"
            ])
    }
}
