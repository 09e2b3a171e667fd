import Foundation
import TestSupport
import Testing

/// `drivergen import`: a spec written beside the others, nothing written on bad input, and
/// `drivergen diff` between imports of two revisions of one source.
@Suite struct ImportCommandTests {
    static let widget = Repository.root.appendingPathComponent("Tests/Import/widget.svd")

    @Test func anImportedSpecGoesBesideTheOthersAndGenerates() throws {
        let root = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Repository.specs, to: root.appendingPathComponent("Specs"))
        let before = try Self.contents(of: root.appendingPathComponent("Specs"))

        let result = try CLI.run(["import", "svd", Self.widget.path, "-o", "Specs/widget.yaml", "--vendor", "0x1234", "--device", "0x0001"], in: root)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("widget.svd:17:"), "located warnings: \(result.errors)")
        #expect(result.errors.hasSuffix("wrote Specs/widget.yaml; 4 warnings; not imported: 0 registers, 1 fields, 2 enum values\n"), "\(result.errors)")
        var after = try Self.contents(of: root.appendingPathComponent("Specs"))
        let removed = after.removeValue(forKey: "widget.yaml")
        let written = try #require(removed)
        #expect(after == before, "the other specs are untouched")
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("# Imported by `drivergen import svd` from widget.svd (CMSIS-SVD)."))

        // The same import again writes the same bytes.
        let again = try CLI.run(["import", "svd", Self.widget.path, "--vendor", "0x1234", "--device", "0x0001"], in: root)
        #expect(Data(again.output.utf8) == written)

        let generate = try CLI.run(["generate"], in: root)
        #expect(generate.status == 0, "\(generate.errors)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Generated/Widget/WidgetRegisters.swift").path))
    }

    @Test func badInputWritesNothing() throws {
        let root = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try "<device><name>Broken</name><peripherals>".write(to: root.appendingPathComponent("broken.svd"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "svd", "broken.svd", "-o", "broken.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("broken.svd:1:"), "\(result.errors)")
        #expect(result.errors.contains("error: not well-formed XML"))
        #expect(result.errors.hasSuffix("import failed; nothing written\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["broken.svd"])

        let badOption = try CLI.run(["import", "svd", "broken.svd", "--vendor", "0xFFFF"], in: root)
        #expect(badOption.status != 0)
        #expect(badOption.errors.contains("--vendor '0xFFFF' is not a 16-bit PCI id"))
    }

    @Test func diffBetweenImportsOfTwoRevisionsReportsTheRealChanges() throws {
        let root = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Revision 2 of the register map: fewer capture registers, a narrower field, a moved
        // bit, and the transmit register gone.
        let revised = try String(contentsOf: Self.widget, encoding: .utf8)
            .replacingOccurrences(of: "<dim>4</dim><dimIncrement>4</dimIncrement>", with: "<dim>2</dim><dimIncrement>4</dimIncrement>")
            .replacingOccurrences(
                of: "<name>EXPIRED</name><bitOffset>0</bitOffset><bitWidth>4</bitWidth>", with: "<name>EXPIRED</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>"
            )
            .replacingOccurrences(of: "<name>START</name><bitOffset>4</bitOffset>", with: "<name>START</name><bitOffset>5</bitOffset>")
            .replacingOccurrences(of: "<register><name>TXD</name><addressOffset>0x00</addressOffset><access>write-only</access></register>\n", with: "")
        try revised.write(to: root.appendingPathComponent("widget-2.svd"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "svd", Self.widget.path, "-o", "widget-1.yaml"], in: root).status == 0)
        #expect(try CLI.run(["import", "svd", "widget-2.svd", "-o", "widget-2.yaml"], in: root).status == 0)

        let diff = try CLI.run(["diff", "widget-1.yaml", "widget-2.yaml"], in: root)
        #expect(diff.status == 1, "breaking changes fail the diff")
        let findings = diff.output.split(separator: "\n").map(String.init)
        #expect(findings.last == "9 breaking, 0 warnings, 0 info", "\(diff.output)")
        for expected in [
            "breaking: register 'UART_TXD' was removed [register-removed]",
            "breaking: the bits of field 'START' of register 'TIMER0_CTRL' changed from 4 to 5 [field-bits-changed]",
            "breaking: the bits of field 'START' of register 'TIMER1_CTRL_SHADOW' changed from 4 to 5 [field-bits-changed]",
            "breaking: the bits of field 'EXPIRED' of register 'TIMER0_EVENTS' changed from 3:0 to 1:0 [field-bits-changed]",
            "breaking: register 'TIMER1_CC' changed from 4 x 0x4 to 2 x 0x4 [register-array-changed]",
        ] {
            #expect(findings.contains { $0.hasSuffix(expected) }, "missing: \(expected)\n\(diff.output)")
        }
    }

    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}
