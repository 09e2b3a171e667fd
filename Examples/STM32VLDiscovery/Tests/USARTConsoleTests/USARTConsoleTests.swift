import DriverRuntime
import DriverSimulator
import FirmwareConsole
import STM32F100Chip
import Synchronization
import Testing
import USARTConsole

/// The firmware's USART code, unchanged, against DriverGen's simulator of the STM32F100.
@Suite struct USARTConsoleTests {
    /// What the simulated USART sent.
    final class Wire: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    /// A chip whose USART1 "sends" every byte written to DR; SR resets with TXE set, as the
    /// SVD says, and the simulator keeps it.
    static func chip(wire: Wire) -> SimulatedMicrocontroller {
        let chip = SimulatedMicrocontroller(layout: STM32F100.layout)
        chip.onWrite("DR", in: "USART1") { _, value in
            wire.bytes.withLock { $0.append(UInt8(truncatingIfNeeded: value)) }
        }
        return chip
    }

    @Test func startClocksAndEnablesTheTransmitter() {
        let chip = Self.chip(wire: Wire())
        let peripherals = STM32F100.Peripherals(bus: chip)
        USARTConsole(usart: peripherals.usart1, rcc: peripherals.rcc).start()
        let clocks = peripherals.rcc.apb2ENR.read()
        #expect(clocks.usart1EN && clocks.iopaen)
        let control = peripherals.usart1.cr1.read()
        #expect(control.ue && control.te && !control.re)
        #expect(chip.peek("BRR", in: "USART1") == 0x45)
        #expect(chip.strayAccesses == 0)
    }

    @Test func textGoesOutThroughTheDataRegister() {
        let wire = Wire()
        let peripherals = STM32F100.Peripherals(bus: Self.chip(wire: wire))
        let console = USARTConsole(usart: peripherals.usart1, rcc: peripherals.rcc)
        console.start()
        console.print("Hello ")
        console.printHex(0x2008)
        #expect(wire.text == "Hello 0x00002008")
    }

    @Test func aFullTransmitterIsReported() {
        let wire = Wire()
        let chip = Self.chip(wire: wire)
        chip.poke("SR", in: "USART1", 0)  // TXE clear: the transmit register never empties
        let peripherals = STM32F100.Peripherals(bus: chip)
        #expect(USARTConsole(usart: peripherals.usart1, rcc: peripherals.rcc).send(0x41) == false)
        #expect(wire.text.isEmpty)
    }
}
