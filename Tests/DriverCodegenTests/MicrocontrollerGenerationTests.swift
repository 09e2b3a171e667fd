import DriverCodegen
import DriverSpec
import Foundation
import TestSupport
import Testing

/// A microcontroller spec becomes registers, peripherals at their addresses and an interrupt
/// vector table, and no driver: the generated code compiles and runs on the simulator.
@Suite struct MicrocontrollerGenerationTests {
    static let specPath = Repository.root.appendingPathComponent("Tests/DriverCodegenTests/Fixtures/microcontroller.yaml").path

    static func generatedFiles() throws -> [GeneratedFile] {
        let outcome = GenerationPipeline.render(.init(specPaths: [specPath]))
        return try #require(outcome.files, "\(outcome.diagnostics)")
    }

    @Test func theFilesAreTheChipsAndTheHandlersAreTheUsers() throws {
        let files = try Self.generatedFiles()
        #expect(
            files.map(\.path).sorted() == [
                "Chip/Chip.swift", "Chip/ChipBlocks.swift", "Chip/ChipInterruptHandlers.swift", "Chip/ChipInterrupts.swift",
                "Chip/ChipRegisters.swift",
            ])
        #expect(files.filter { $0.ownership == .user }.map(\.path) == ["Chip/ChipInterruptHandlers.swift"])
        let interrupts = try #require(files.first { $0.path == "Chip/ChipInterrupts.swift" }).contents
        // IRQ 0...4: entries 1 and 2 are unnamed, so they stop in `unnamedInterrupt`.
        #expect(
            interrupts.contains(
                """
                    { Chip.InterruptHandlers.uart() },
                    { Chip.InterruptHandlers.unnamedInterrupt() },
                    { Chip.InterruptHandlers.unnamedInterrupt() },
                    { Chip.InterruptHandlers.timer0() },
                    { Chip.InterruptHandlers.timer1() }
                )
                """))
        let blocks = try #require(files.first { $0.path == "Chip/ChipBlocks.swift" }).contents
        #expect(blocks.contains(".init(bus: RegisterCore.PointerBus(address: 0xE000_8000))"))
        #expect(!blocks.contains("barIndex"))
    }

    @Test func theGeneratedCodeRunsOnTheSimulatedChip() throws {
        var files = try Self.generatedFiles().map { ($0.path, $0.contents) }
        // The user's handlers: each says it ran.
        let handlers = """
            import RegisterCore

            extension Chip.InterruptHandlers {
                public static func uart() { print("uart handler") }
                public static func timer0() { print("timer0 handler") }
                public static func timer1() { print("timer1 handler") }
            }
            """
        files = files.map { $0.0.hasSuffix("InterruptHandlers.swift") ? ($0.0, handlers) : $0 }
        let main = """
            import DriverRuntime
            import DriverSimulator

            @main struct Use {
                static func main() {
                    let chip = SimulatedMicrocontroller(layout: Chip.layout)
                    let peripherals = Chip.Peripherals(bus: chip)
                    peripherals.uart.enable.write { $0.enable = .enabled }
                    print(chip.peek("ENABLE", in: "UART")!, peripherals.uart.enable.read())
                    chip.poke("STATUS", in: "UART", 0b11)
                    peripherals.uart.status.write { $0.clear(.overrun) }
                    print(peripherals.uart.status.read())
                    // The derived timer: its own registers, at its own address above Int32.max.
                    peripherals.timer1.cc[2].write { $0.value = 1000 }
                    print(chip.peek("CC", in: "TIMER1", index: 2)!, chip.peek("CC", in: "TIMER0", index: 2)!)
                    print(chip.strayAccesses)
                    peripherals.uart.txd.write { $0.txd = 0x41 }
                    _ = peripherals.uart.enable.read()
                    print(chip.strayAccesses)
                    chip.raise(interrupt: 4)
                    chip.raise(interrupt: 0)
                    for line in chip.takePendingInterrupts() {
                        Chip.InterruptHandlers.handle(Chip.Interrupt(rawValue: UInt16(line))!)
                    }
                    print(Chip.Interrupt.allCases.map(\\.rawValue), Chip.layout.peripheral(named: "TIMER1")!.address == 0xE000_9000)
                }
            }
            """
        let run = try SwiftBuilder.buildAndRun(generated: files, main: main, linking: ["DriverSimulator"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            run.output.split(separator: "\n").map(String.init) == [
                "4 UartEnable(0x0000_0004: ENABLE: Enabled)",
                "UartStatus(0x0000_0002: OVERRUN: false, FRAMING: true)",
                "1000 0",
                "0",
                "0",
                "timer1 handler",
                "uart handler",
                "[0, 3, 4] true",
            ])
    }
}
