import DriverRuntime
import DriverSimulator
import FirmwareConsole
import NRF51Chip
import Synchronization
import Testing
import UARTConsole

/// The firmware's UART code, unchanged, against DriverGen's simulator of the nRF51: the
/// generated registers at their addresses, the UART's transmitter modelled by the test.
@Suite struct UARTConsoleTests {
    /// What the simulated UART sent.
    final class Wire: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    /// A chip whose UART0 "sends" every byte written to TXD and raises TXDRDY, as QEMU's does.
    static func chip(wire: Wire = Wire(), answers: Bool = true) -> SimulatedMicrocontroller {
        let chip = SimulatedMicrocontroller(layout: NRF51.layout)
        chip.onWrite("TXD", in: "UART0") { chip, value in
            wire.bytes.withLock { $0.append(UInt8(truncatingIfNeeded: value)) }
            if answers { chip.poke("EVENTS_TXDRDY", in: "UART0", 1) }
        }
        return chip
    }

    @Test func startConfiguresTheUARTThroughTheGeneratedRegisters() {
        let chip = Self.chip()
        UARTConsole(uart: NRF51.Peripherals(bus: chip).uart0).start()
        #expect(chip.peek("PSELTXD", in: "UART0") == 24)
        #expect(chip.peek("BAUDRATE", in: "UART0") == 0x01D7_E000)  // Baud115200, as the SVD names it
        #expect(chip.peek("ENABLE", in: "UART0") == 4)  // Enabled
        #expect(chip.strayAccesses == 0)
        // The decoded value, through the generated types and the hosted runtime's description.
        let enable = NRF51.Peripherals(bus: chip).uart0.enable.read()
        #expect(enable.enable == .enabled)
        #expect(enable.description == "Uart0Enable(0x0000_0004: ENABLE: Enabled)")
    }

    @Test func textGoesOutByteByByte() {
        let wire = Wire()
        let console = UARTConsole(uart: NRF51.Peripherals(bus: Self.chip(wire: wire)).uart0)
        console.start()
        console.print("Hi ")
        console.printDecimal(1024)
        console.print(" ")
        console.printHex(0xED)
        #expect(wire.text == "Hi 1024 0x000000ED")
    }

    @Test func aTransmitterThatNeverAnswersIsReported() {
        let wire = Wire()
        let console = UARTConsole(uart: NRF51.Peripherals(bus: Self.chip(wire: wire, answers: false)).uart0)
        console.start()
        #expect(console.send(0x41) == false)
        #expect(wire.text == "A")
    }

    /// A raised line is pending once, as the generated `Interrupt` case the vector table and
    /// `InterruptHandlers.handle(_:)` dispatch on. (The example's TIMER0 handler itself writes the
    /// chip's real addresses, so it runs on the board, not here.)
    @Test func aRaisedInterruptIsPendingOnceAsItsGeneratedLine() {
        let chip = Self.chip()
        chip.raise(interrupt: Int(NRF51.Interrupt.timer0.rawValue))
        let pending = chip.takePendingInterrupts().compactMap { NRF51.Interrupt(rawValue: UInt16($0)) }
        #expect(pending == [.timer0])
        #expect(chip.takePendingInterrupts().isEmpty)
    }
}
