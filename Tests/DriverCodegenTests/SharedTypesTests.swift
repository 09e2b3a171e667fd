import DriverCodegen
import DriverSpec
import Foundation
import TestSupport
import Testing

/// Registers of one shape share one value type, and fields of one encoding one enum; names stay
/// as the spec gives them (type aliases), and anything that differs keeps its own type.
@Suite struct SharedTypesTests {
    static let specPath = Repository.root.appendingPathComponent("Tests/DriverCodegenTests/Fixtures/shared-types.yaml").path

    static func generatedFiles() throws -> [GeneratedFile] {
        let outcome = GenerationPipeline.render(.init(specPaths: [specPath]))
        return try #require(outcome.files, "\(outcome.diagnostics)")
    }

    @Test func equalRegistersAndEncodingsShareTypesAndOthersDoNot() throws {
        let registers = try #require(try Self.generatedFiles().first { $0.path.hasSuffix("ChannelsRegisters.swift") }).contents
        let declarations = registers.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("public struct") || $0.hasPrefix("public enum") || $0.hasPrefix("public typealias") && !$0.contains("Raw =") }
        #expect(
            declarations == [
                "public struct Ch0Ctrl: RegisterCore.RegisterValue {",
                "public enum MODE: RegisterCore.FieldEnumeration {",
                "public typealias Ch1Ctrl = Ch0Ctrl",
                "public struct Ch2Ctrl: RegisterCore.RegisterValue {",
                "public typealias MODE = Channels.Ch0Ctrl.MODE",
                "public struct Ch3Ctrl: RegisterCore.RegisterValue {",
                "public typealias MODE = Channels.Ch0Ctrl.MODE",
                "public struct STATUS: RegisterCore.RegisterValue {",
                "public typealias CurrentMode = Channels.Ch0Ctrl.MODE",
                "public enum LastMode: RegisterCore.FieldEnumeration {",
            ])
        #expect(registers.contains("/// The value type of one more register with the same fields: `CH1_CTRL`."))
        #expect(registers.contains("/// `CH1_CTRL` at BAR 0 + 0x4: the same fields as `CH0_CTRL`, so the same value type."))
    }

    @Test func sharedTypesCompileAndDriveTheSimulatedDevice() throws {
        let files = try Self.generatedFiles()
        let failure = try SimulationHarness.buildAndCheck(
            files.map { ($0.path, $0.contents) }, checks: ["check(Channels.layout, Channels.personalities, ChannelsDriver.self, seed: 1)"])
        #expect(failure == nil, "\(failure ?? "")")

        let main = """
            import DriverRuntime

            @main struct Use {
                static func main() {
                    let block = Channels.Registers(bus: InMemoryBus(size: 0x100))
                    block.ch1Ctrl.write { $0.en = true; $0.mode = .halt }
                    let first: Channels.Ch0Ctrl = block.ch1Ctrl.read()
                    block.ch0Ctrl.write(first)
                    let mode: Channels.STATUS.CurrentMode = block.ch0Ctrl.read().mode
                    print(block.ch0Ctrl.read().rawValue, mode, block.ch2Ctrl.read().en, Channels.STATUS.LastMode(rawValue: 3))
                    print(first)
                }
            }
            """
        let run = try SwiftBuilder.buildAndRun(generated: files.map { ($0.path, $0.contents) }, main: main)
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            run.output.split(separator: "\n").map(String.init) == [
                "5 HALT false HALT",
                "Ch0Ctrl(0x0000_0005: EN: true, MODE: HALT)",
            ])
    }
}
