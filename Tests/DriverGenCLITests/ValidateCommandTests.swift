import Foundation
import TestSupport
import Testing

@Suite struct ValidateCommandTests {
    @Test func bundledSpecsAreValid() throws {
        let result = try CLI.run(["validate"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors == "6 specs valid\n")
    }

    @Test func overlappingFieldsGiveOneLocatedErrorNamingBoth() throws {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("overlap.yaml")
        try """
        name: Widget
        pci: { vendor: 0x1234, device: 0x0001 }
        driver: { bundle-id: com.example.Widget }
        bars:
          - index: 0
            name: regs
            type: mem32
            size: 0x1000
            registers:
              - name: control
                offset: 0x0
                fields:
                  - { name: enable, bits: "3:0" }
                  - { name: mode, bits: "5:2" }
        """.write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", spec.path])
        #expect(result.status != 0)
        let errorLines = result.errors.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.hasPrefix("\(spec.path):14:33: error: ") == true)
        #expect(errorLines.first?.contains("'mode'") == true && errorLines.first?.contains("'enable'") == true)
    }

    @Test func randomBytesGiveALocatedError() throws {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("garbage.yaml")
        var state: UInt64 = 7
        let bytes = (0..<2048).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        try Data(bytes).write(to: file)
        let result = try CLI.run(["validate", file.path])
        #expect(result.status != 0)
        let firstLine = result.errors.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.range(of: #"^.*garbage\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(firstLine)")
    }

    @Test func allErrorsOfAllFilesAreReported() throws {
        let invalid = Repository.root.appendingPathComponent("Tests/DriverSpecTests/InvalidSpecs")
        let result = try CLI.run(["validate", invalid.appendingPathComponent("io-bar.yaml").path, invalid.appendingPathComponent("misaligned-register.yaml").path])
        #expect(result.status == 1)
        #expect(result.errors.contains("io-bar.yaml:7:11: error:"))
        #expect(result.errors.contains("misaligned-register.yaml:11:17: error:"))
    }

    @Test func missingPathIsAnError() throws {
        let result = try CLI.run(["validate", "/nonexistent/spec.yaml"])
        #expect(result.status != 0)
        #expect(result.errors.hasPrefix("/nonexistent/spec.yaml:1:1: error: no such file or folder"))
    }
}
