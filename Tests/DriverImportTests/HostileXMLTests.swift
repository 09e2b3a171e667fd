import DriverImport
import DriverSpec
import Foundation
import TestSupport
import Testing

/// Malformed and hostile XML: one located error, quickly, never a crash or a hang.
@Suite struct HostileXMLTests {
    static func importText(_ text: String, _ format: ImportFormat = .svd) -> ImportResult {
        SpecImporter.importData(Data(text.utf8), file: "bad.xml", format: format)
    }

    static func onlyError(_ result: ImportResult) -> String? {
        #expect(result.text == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(result.diagnostics)")
        return errors.first?.description
    }

    @Test func notXMLIsALocatedError() throws {
        let error = try #require(Self.onlyError(Self.importText("name: Edu\npci: { vendor: 0x1234 }\n")))
        #expect(error.hasPrefix("bad.xml:1:1: error: not well-formed XML"), "\(error)")
    }

    @Test func aTruncatedFileNamesWhereItStops() throws {
        let svd = try String(contentsOf: ImportFixtures.chips.appendingPathComponent("rp2040.svd"), encoding: .utf8)
        let error = try #require(Self.onlyError(Self.importText(String(svd.prefix(200_000)))))
        #expect(error.contains(": error: not well-formed XML"), "\(error)")
        let line = Int(error.split(separator: ":")[1]) ?? 0
        #expect(line > 4000, "located near the end of the text, not at the start: \(error)")
    }

    @Test func theWrongFormatSaysWhichCommandToUse() throws {
        let svd = Self.onlyError(Self.importText("<device><name>X</name></device>", .ipxact))
        #expect(svd == "bad.xml:1:8: error: the root element is <device>, not an IP-XACT <component>; this looks like CMSIS-SVD: use `drivergen import svd`")
        let ipxact = Self.onlyError(Self.importText("<component/>", .svd))
        #expect(
            ipxact?.hasSuffix("error: the root element is <component>, not a CMSIS-SVD <device>; this looks like IP-XACT: use `drivergen import ipxact`") == true, "\(ipxact ?? "")"
        )
    }

    @Test func entityDeclarationsAreRefusedBeforeTheyExpand() throws {
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            laughs += "<!ENTITY lol\(level) \"\(String(repeating: "&lol\(level - 1 == 0 ? "" : String(level - 1));", count: 10))\">\n"
        }
        laughs += "]>\n<device><name>&lol9;</name></device>\n"
        let started = ContinuousClock.now
        let error = try #require(Self.onlyError(Self.importText(laughs)))
        #expect(error.hasPrefix("bad.xml:2:1: error: document type declarations are not accepted"), "\(error)")
        #expect(ContinuousClock.now - started < .seconds(5))
        // An external entity is refused the same way.
        let external = Self.onlyError(Self.importText("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<device><name>&x;</name></device>"))
        #expect(external?.contains("document type declarations are not accepted") == true)
    }

    @Test func deepNestingAndHugeFilesHitLimits() throws {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let nested = try #require(Self.onlyError(Self.importText(deep)))
        #expect(nested.contains("error: elements are nested more than 64 deep"), "\(nested)")
        let huge = SpecImporter.importData(Data(repeating: UInt8(ascii: " "), count: (8 << 20) + 1), file: "bad.xml", format: .svd)
        #expect(huge.diagnostics.map(\.description) == ["bad.xml:1:1: error: the file is larger than 8388608 bytes"])
        let empty = try #require(Self.onlyError(Self.importText("")))
        #expect(empty.hasPrefix("bad.xml:1:1: error: not well-formed XML"), "\(empty)")
    }

    /// Foundation's XML parser traps on element names that are not UTF-8 (found by the
    /// mutation test below): such bytes are refused before it sees them.
    @Test func bytesThatAreNotUTF8AreRefusedWhereTheyAre() throws {
        var bytes = Array("<device>\n  <name>X</name>\n  <na".utf8)
        bytes += [0xD9, 0x41]
        bytes += Array("me/>\n</device>".utf8)
        let result = SpecImporter.importData(Data(bytes), file: "bad.xml", format: .svd)
        #expect(
            result.diagnostics.map(\.description) == [
                "bad.xml:3:6: error: the file is not valid UTF-8 (byte 0xD9); convert it to UTF-8, as SVD and IP-XACT tools write it"
            ])
    }

    @Test func aMissingFileIsAnError() {
        let result = SpecImporter.importFile(path: "/nonexistent/chip.svd", format: .svd)
        #expect(result.diagnostics.map(\.description) == ["/nonexistent/chip.svd:1:1: error: cannot read the file"])
    }

    /// Seeded mutations of a small real device: every outcome is a result with located
    /// diagnostics, and a spec comes back exactly when there is no error.
    @Test func mutatedFilesNeverCrash() throws {
        let base = Array(try Data(contentsOf: ImportFixtures.ipxact.appendingPathComponent("dma_engine.1685-2014.xml")))
        var generator = SplitMix64(seed: 1685)
        let pieces = ["<", ">", "</", "'h", "0x", "dim", "\u{0}", "&amp;", "<![CDATA[", "99999999999999999999", "-1", "\n"].map { Array($0.utf8) }
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(contentsOf: pieces.randomElement(using: &generator)!, at: position)
                default: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            let result = SpecImporter.importData(Data(bytes), file: "fuzz.xml", format: .ipxact)
            #expect((result.text == nil) == result.diagnostics.contains { $0.severity == .error })
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
        }
    }
}
