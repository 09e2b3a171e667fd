import DriverCodegen
import DriverSpec
import Foundation
import TestSupport
import Testing

/// Keywords, leading digits, comment terminators, triple quotes, backslashes and non-ASCII in
/// names and descriptions: the generated code must compile and say what the spec says.
@Suite struct HostileNamesTests {
    static let specPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile.yaml").path
    static let masksSpecPath = Repository.root.appendingPathComponent("Tests/DriverCodegenTests/Fixtures/nvme-masks.yaml").path
    static let interruptsSpecPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile-interrupts.yaml").path

    @Test func hostileSpecIsValid() {
        let result = SpecLoader.load(path: Self.specPath)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func generatedCodeCompilesAndReportsTheSpecsNames() throws {
        let spec = try #require(SpecLoader.load(path: Self.specPath).spec)
        let outcome = GenerationPipeline.render(.init(specPaths: [Self.specPath]))
        let files = try #require(outcome.files)
        let namespace = GeneratedNames.namespace(spec.name)
        #expect(namespace == "ÜnïcodeDévice")
        let main = """
            import DriverRuntime

            @main struct Report {
                static func main() {
                    let layout = \(namespace).layout
                    print(layout.name)
                    for register in layout.bars[0].registers {
                        print(register.name + ": " + register.fields.map(\\.name).joined(separator: ","))
                    }
                    var value = \(namespace).Default.reset
                    value.`class` = true
                    value.rawValue_ = true
                    value.init_ = true
                    value.description_ = true
                    value.température = 0xF
                    value.日本語 = true
                    value.`protocol` = true
                    value.self_ = true
                    value._3rdMode = ._1st
                    print(value.rawValue, value._3rdMode, \(namespace).Default._3rdModeValue(rawValue: 7))
                    var bus = \(namespace).Bus_.reset
                    bus.bus = 3
                    bus.clearable = .b
                    bus.clear(.x)
                    print(bus.rawValue, \(namespace).Type_.reset.value, \(namespace)._3dControl.reset.value)
                    let block = \(namespace).Self_(bus: InMemoryBus(size: 0x1000))
                    block.`default`.write { $0.`class` = true }
                    print(block.weirdQuotedName.offset, block.ünïcodeRégister.offset, block.rawValue.offset, block.type.offset)
                }
            }
            """
        let run = try SwiftBuilder.buildAndRun(generated: files.map { ($0.path, $0.contents) }, main: main)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        var expected = [spec.name]
        for register in spec.bars[0].registers {
            expected.append(register.name + ": " + register.fields.map(\.name).joined(separator: ","))
        }
        let defaultValue: UInt32 = 0x1 | 0x2 | 0x4 | 0x8 | 0xF0 | 0x100 | 0x200 | 0x400 | 3 << 11
        let busValue: UInt32 = 3 | 1 << 4 | 1 << 6
        expected.append("\(defaultValue) 1st unknown(0x7)")
        expected.append("\(busValue) 0 0")
        expected.append("16 24 12 4")
        #expect(lines == expected)
    }

    @Test func docCommentsCarryDescriptionsVerbatimAndSafely() throws {
        let files = try #require(GenerationPipeline.render(.init(specPaths: [Self.specPath])).files)
        let device = try #require(files.first { $0.path.hasSuffix("ÜnïcodeDévice/ÜnïcodeDévice.swift") })
        let blocks = try #require(files.first { $0.path.hasSuffix("ÜnïcodeDévice/ÜnïcodeDéviceBlocks.swift") })
        #expect(blocks.contents.contains(#"/// Ends a comment */ opens one /* has """ triple quotes, a \ backslash, \(interpolation) and"#))
        #expect(blocks.contents.contains("\n/// a carriage return\n"))
        #expect(!blocks.contents.contains("\r"))
        // The layout table percent-encodes names, so quotes and backslashes cannot end its literal.
        #expect(device.contents.contains("\n        weird%20%22quoted%22%20%5Cname offset="))
    }

    /// Regression for what the property test found: status registers named `return`, `count`
    /// and `self`, on a BAR named `time`, used to give a driver base that did not compile.
    @Test func interruptSourcesWithHostileNamesDispatchOnTheSimulator() throws {
        let outcome = GenerationPipeline.render(.init(specPaths: [Self.interruptsSpecPath]))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let files = try #require(outcome.files)
        let main = """
            import DriverRuntime
            import DriverSimulator

            actor Driver: HostileInterruptsDriverBase {
                nonisolated let queue = DriverQueue(label: "Driver")
                let service = DriverService()
                var calls: [String] = []
                init() {}
                func handleReturnInterrupt(count: UInt64, time: DriverInstant) { calls.append("return \\(count)") }
                func handleCountInterrupt(count: UInt64, time: DriverInstant) { calls.append("count \\(count)") }
                func handleTimeInterrupt(count: UInt64, time: DriverInstant) { calls.append("time \\(count)") }
            }

            @main struct Run {
                static func main() async throws {
                    let simulation = Simulation()
                    simulation.bus.register(Driver.self, personalities: HostileInterrupts.personalities)
                    let device = simulation.makeDevice(HostileInterrupts.layout)
                    let driver = try await simulation.bus.attach(device).driver(as: Driver.self)
                    for source in ["return", "count", "time"] {
                        device.raise(source)
                        await simulation.drain()
                    }
                    print(await driver.calls.joined(separator: ", "))
                    print(["return", "count", "self"].map { String(device.value(of: $0)) }.joined(separator: " "))
                }
            }
            """
        let run = try SwiftBuilder.buildAndRun(generated: files.filter { $0.ownership == .generated }.map { ($0.path, $0.contents) }, main: main, linking: ["DriverSimulator"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "return 1, count 1, time 1\n0 0 0\n", "every handler ran once and every flag was acknowledged")
    }

    /// Per-vector mask bits behind a set / clear alias pair (NVMe's INTMS / INTMC): start
    /// unmasks each source's bit through the clear address, stop masks it through the set one,
    /// and chosen bits are acknowledged through a write-only alias.
    @Test func perVectorMasksThroughASetClearPairOnTheSimulator() throws {
        let outcome = GenerationPipeline.render(.init(specPaths: [Self.masksSpecPath]))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let files = try #require(outcome.files)
        let base = try #require(files.first { $0.path.hasSuffix("MaskedQueuesDriverBase.swift") }).contents
        #expect(base.contains("self.registers.interruptMaskClear.clear([.vectors(0x1), .vectors(0x2)])"))
        #expect(base.contains("self.registers.interruptMaskSet.write { $0.set([.vectors(0x1), .vectors(0x2)]) }"))
        #expect(base.contains("self.registers.queueStatusClear.clear(.queues(0x2))"))
        let main = """
            import DriverRuntime
            import DriverSimulator

            actor Driver: MaskedQueuesDriverBase {
                nonisolated let queue = DriverQueue(label: "Driver")
                let service = DriverService()
                var calls: [String] = []
                init() {}
                func handleAdminInterrupt(count: UInt64, time: DriverInstant) { calls.append("admin") }
                func handleIoInterrupt(count: UInt64, time: DriverInstant) { calls.append("io") }
            }

            @main struct Run {
                static func main() async throws {
                    let simulation = Simulation()
                    simulation.bus.register(Driver.self, personalities: MaskedQueues.personalities)
                    let device = simulation.makeDevice(MaskedQueues.layout)
                    let attachment = try await simulation.bus.attach(device, tunnelled: false)
                    let driver = attachment.driver(as: Driver.self)
                    print(String(device.value(of: "interruptMaskSet"), radix: 16))
                    device.setValue(0b1011, of: "queueStatus")
                    device.signal(vector: 1)
                    await simulation.drain()
                    print(await driver.calls.joined(separator: ", "), String(device.value(of: "queueStatus"), radix: 2))
                    await simulation.bus.detach(attachment)
                    print(String(device.value(of: "interruptMaskSet"), radix: 16))
                }
            }
            """
        let run = try SwiftBuilder.buildAndRun(generated: files.filter { $0.ownership == .generated }.map { ($0.path, $0.contents) }, main: main, linking: ["DriverSimulator"])
        #expect(run.status == 0, "\(run.errors) \(run.output)")
        #expect(run.output == "fffffffc\nio 1001\nffffffff\n", "vectors 0 and 1 unmasked at start; only queue 1's bit acknowledged; masked again at stop")
    }
}
