import DriverSpec
import TestSupport
import Testing

@testable import DriverImport

/// The importer's YAML writer against libyaml: random text, with everything YAML gives meaning
/// to (quotes, escapes, control characters, line breaks, `#`, `: `, runs of spaces, long
/// sentences that fold), written as descriptions and read back through the spec loader.
@Suite struct WrittenStringsReadBackTests {
    private static let pieces: [String] = [
        "a", "Z", "0", " ", "  ", "\"", "'", "\\", "\\n", "\n", "\r", "\r\n", "\t", "#", ": ", "- ", "? ", "{", "}", "[",
        "]", ",", "&a", "*a", "!tag", "%", "@", "`", "|", ">", "~", "null", "true", "0x1F", "\u{0}", "\u{1}", "\u{7}",
        "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "é", "ß", "日本", "🙂", "\u{301}",
        "word", "register", "the value of the field",
    ]

    private static func randomText(_ random: inout SplitMix64) -> String {
        let length = Int(random.next() % 40)
        var text = ""
        for _ in 0..<length { text += pieces[Int(random.next() % UInt64(pieces.count))] }
        // A third are long sentences, so the writer folds them into a block.
        if random.next() % 3 == 0 { text += String(repeating: " and the next word", count: Int(random.next() % 12) + 6) }
        return text
    }

    @Test func everyDescriptionReadsBackAsWritten() {
        var random = SplitMix64(seed: 2026)
        var checked = 0
        for round in 0..<40 {
            let registers = (0..<25).map { index in
                ImportedRegister(
                    name: "r\(index)", offset: UInt64(index * 4), width: 32, access: nil, reset: 0,
                    description: Self.randomText(&random),
                    fields: [
                        ImportedField(
                            name: "f", lsb: 0, width: 4, access: nil, description: Self.randomText(&random),
                            values: [
                                ImportedEnumValue(name: "one", value: 1, description: Self.randomText(&random))
                            ])
                    ],
                    count: nil, stride: nil, aliasOf: nil, location: .start(of: "random.svd"))
            }
            let device = ImportedDevice(
                name: "Random\(round)", description: Self.randomText(&random), vendorID: 0x1234, deviceID: 0x5678,
                bundleID: "com.example.random", driverClass: nil,
                bars: [ImportedBar(index: 0, name: "registers", isMem64: false, size: 0x1000, description: Self.randomText(&random), registers: registers)])
            let text = SpecWriter.render(device, header: ["random strings"])
            let loaded = SpecLoader.load(text: text, file: "random.yaml")
            guard let spec = loaded.spec else {
                Issue.record("round \(round): the written spec does not load: \(loaded.diagnostics)\n\(text)")
                continue
            }
            let differences = ReadBackCheck.differences(written: device, read: spec)
            #expect(differences.isEmpty, "round \(round): \(differences)")
            checked += 2 + registers.count * 3
        }
        #expect(checked == 40 * (2 + 25 * 3))
    }

    @Test func aDifferenceIsReported() throws {
        let device = ImportedDevice(
            name: "Widget", description: "two  spaces", vendorID: 1, deviceID: 2, bundleID: "com.example.widget",
            driverClass: nil, bars: [ImportedBar(index: 0, name: "registers", isMem64: false, size: 0x1000, description: nil, registers: [])])
        let text = SpecWriter.render(device, header: [])
        var spec = try #require(SpecLoader.load(text: text, file: "w.yaml").spec)
        #expect(ReadBackCheck.differences(written: device, read: spec).isEmpty)
        spec.description = "two spaces"
        #expect(
            ReadBackCheck.differences(written: device, read: spec) == [
                "the device's description: wrote \"two  spaces\", read back \"two spaces\""
            ])
    }
}
