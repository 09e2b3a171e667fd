import DriverSpec
import Foundation
import TestSupport
import Testing

/// How the loader reads the language: numbers, defaults, arrays, names.
@Suite struct LoaderBehaviourTests {
    static func spec(registers: String, head: String = "") -> String {
        """
        name: Widget
        pci: { vendor: 0x1234, device: 0x0001 }
        driver: { bundle-id: com.example.Widget }
        \(head)bars:
          - index: 0
            name: regs
            type: mem32
            size: 0x1000
            registers:
        \(registers)
        """
    }

    @Test(arguments: [("0x1_0", 16), ("0b1010", 10), ("0o17", 15), ("1_024", 1024), ("0X1F", 31), ("\"0x20\"", 32)])
    func numbersAreReadInEveryNotation(literal: String, value: UInt64) throws {
        let text = Self.spec(registers: "      - { name: control, offset: \(literal), width: 8 }")
        let result = SpecLoader.load(text: text, file: "n.yaml")
        let spec = try #require(result.spec, "\(result.diagnostics)")
        #expect(spec.bars[0].registers[0].offset == value)
    }

    @Test func defaultsAreApplied() throws {
        let spec = try #require(SpecLoader.load(text: Self.spec(registers: "      - { name: control, offset: 0 }"), file: "d.yaml").spec)
        let register = spec.bars[0].registers[0]
        #expect(register.width == 32 && register.access == .rw && register.reset == 0 && register.accessWidths == [32])
        #expect(register.hasImplicitField && register.fields[0].name == "value" && register.fields[0].bits.width == 32)
        #expect(spec.driver.className == "WidgetDriver")
        #expect(!spec.thunderbolt.tunnelCompatible && !spec.isStorage)
    }

    @Test func arraysDefaultTheirStrideToTheWidth() throws {
        let text = Self.spec(registers: "      - { name: slots, offset: 0x100, width: 16, count: 8 }")
        let register = try #require(SpecLoader.load(text: text, file: "a.yaml").spec?.bars[0].registers[0])
        #expect(register.array == RegisterArray(count: 8, stride: 2))
        #expect(register.span == 16)
        #expect(register.elementOffsets.last == 0x10E)
    }

    @Test func interleavedArraysDoNotOverlap() {
        let text = Self.spec(
            registers: """
                      - { name: submit, offset: 0x100, count: 64, stride: 8 }
                      - { name: complete, offset: 0x104, count: 64, stride: 8 }
                """)
        let result = SpecLoader.load(text: text, file: "i.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func readOnlyAndWriteOnlyRegistersMayShareAnAddress() {
        let text = Self.spec(
            registers: """
                      - { name: status, offset: 0, access: ro }
                      - { name: command, offset: 0, access: wo }
                """)
        #expect(SpecLoader.load(text: text, file: "s.yaml").diagnostics.isEmpty)
    }

    @Test func specTextMayHoldAmpersandsAndAsterisksInText() throws {
        let text = Self.spec(
            registers: """
                      - name: control
                        offset: 0
                        description: R&D build, see *notes* & more
                      - name: other
                        offset: 4
                        description: >
                          *starred* line &amp
                          *second* line
                      - name: third
                        offset: 8
                        description: "*quoted* &x"
                      - name: fourth
                        offset: 0xC
                        description: plain text
                          *continued* on the next line
                """)
        let result = SpecLoader.load(text: text, file: "t.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.spec?.bars[0].registers[0].description == "R&D build, see *notes* & more")
    }

    @Test func aliasesInFlowCollectionsAreRefused() {
        let text = Self.spec(registers: "      - { name: a, offset: 0, fields: [&f { name: x, bits: 0 }] }\n      - { name: b, offset: 4, fields: [*f] }")
        let diagnostics = SpecLoader.load(text: text, file: "f.yaml").diagnostics.map(\.description)
        #expect(diagnostics == ["f.yaml:10:40: error: YAML anchors are not supported in specs; write the node out, use a register array (count, stride), or quote the text"])
    }

    @Test(arguments: ["storage", "driver", "bars"])
    func everyKeyTypoGetsAHint(key: String) {
        let typo = String(key.dropLast())
        let text = Self.spec(registers: "      - { name: c, offset: 0 }", head: "\(typo): 1\n")
        let messages = SpecLoader.load(text: text, file: "k.yaml").diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("unknown key '\(typo)'") && $0.contains("did you mean '\(key)'?") })
    }

    @Test func swiftNamesAreIdiomatic() {
        #expect(SwiftName.lowerCamel("DMA_CMD") == "dmaCmd")
        #expect(SwiftName.lowerCamel("IVPosition") == "ivPosition")
        #expect(SwiftName.lowerCamel("INTMS") == "intms")
        #expect(SwiftName.upperCamel("DMA") == "DMA")
        #expect(SwiftName.lowerCamel("interrupt-status") == "interruptStatus")
        #expect(SwiftName.lowerCamel("3d control") == "_3dControl")
        #expect(SwiftName.upperCamel("interruptStatus") == "InterruptStatus")
        #expect(SwiftName.member("default") == "`default`")
        #expect(SwiftName.lowerCamel("température") == "température")
        #expect(GeneratedNames.field("rawValue") == "rawValue_")
        #expect(GeneratedNames.registerType("type") == "Type_")
    }

    /// ASCII names take a fast path; a name with a non-ASCII separator takes the general one.
    /// Appending one must not change the name, for any mix of cases, digits and separators.
    @Test func asciiNamesConvertAsTheGeneralRulesDo() {
        var random = SplitMix64(seed: 0x5EED_CA3E)
        let alphabet = Array("aAbBzZiIvVpP0379_- .:/")
        for _ in 0..<20_000 {
            let name = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(SwiftName.lowerCamel(name) == SwiftName.lowerCamel(name + "\u{2014}"), "lowerCamel of '\(name)'")
            #expect(SwiftName.upperCamel(name) == SwiftName.upperCamel(name + "\u{2014}"), "upperCamel of '\(name)'")
        }
    }
}
