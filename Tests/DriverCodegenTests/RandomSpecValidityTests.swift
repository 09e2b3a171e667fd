import DriverSpec
import SpecSynthesis
import Testing

/// The random spec generator makes only valid specs (otherwise the property tests would test
/// the generator's mistakes), and the same ones on every run.
@Suite struct RandomSpecValidityTests {
    @Test func everyRandomSpecIsValid() {
        var failures: [String] = []
        for index in 0..<400 {
            let spec = RandomSpec(seed: 7, index: index)
            let result = SpecLoader.load(text: spec.text, file: "\(spec.name).yaml")
            if result.spec == nil {
                failures.append("\(spec.name): \(result.diagnostics.filter { $0.severity == .error }.prefix(3))\n\(spec.text)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) invalid: \(failures.first ?? "")")
    }

    @Test func theSequenceIsReproducible() {
        #expect(RandomSpec(seed: 7, index: 3).text == RandomSpec(seed: 7, index: 3).text)
        #expect(RandomSpec(seed: 7, index: 3).text != RandomSpec(seed: 8, index: 3).text)
    }

    @Test func theSpecsCoverTheLanguage() {
        let texts = (0..<200).map { RandomSpec(seed: 7, index: $0).text }.joined()
        let features =
            [
                "width: 8", "width: 16", "width: 64", "count:", "enum:", "kind: msi\n", "kind: msix", "config:",
                "access-widths:", "access-order:", "alias-of:", "write-only: true", "flags:", "optional: true", "enable:", "mask:",
                "storage: true", "mem64", "status:", "acknowledge:",
                "structures:", "dword:", "bytes:", "string:", "padding:", "structure:", "views:", "reserved:", "byte-order: big",
                "packed: true", "rings:", "role: producer", "role: consumer", "ready: { phase:", "ready: { done:", "device-index:",
                "power-of-two: true", "multiple-of: 8",
            ] + AccessKind.allCases.map { "access: \($0.rawValue)" }
        for feature in features {
            #expect(texts.contains(feature), "no random spec uses \(feature)")
        }
    }
}
