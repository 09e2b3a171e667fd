import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Synchronization
import Testing

/// The bundled microcontroller spec (Specs/nrf51.yaml: the nRF51's UART0, TIMER0 and FICR) on
/// the simulator: its generated registers at their addresses, with the access kinds the SVD gives.
@Suite struct NRF51EndToEndTests {
    final class Wire: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    @Test func aByteGoesOutOfTheUARTAndTheEventSays() {
        let chip = SimulatedMicrocontroller(layout: NRF51.layout)
        let wire = Wire()
        chip.onWrite("TXD", in: "UART0") { chip, value in
            wire.bytes.withLock { $0.append(UInt8(truncatingIfNeeded: value)) }
            chip.poke("EVENTS_TXDRDY", in: "UART0", 1)
        }
        let uart = NRF51.Peripherals(bus: chip).uart0
        uart.enable.write { $0.enable = .enabled }
        uart.baudrate.write { $0.baudrate = .baud115200 }
        uart.txd.write { $0.txd = 0x41 }
        #expect(wire.bytes.withLock { $0 } == [0x41])
        #expect(uart.eventsTxdrdy.read().value == 1)
        #expect(chip.peek("ENABLE", in: "UART0") == 4)
        #expect(uart.baudrate.read().baudrate == .baud115200)
        #expect("\(uart.enable.read())" == "Uart0Enable(0x0000_0004: ENABLE: Enabled)")
        #expect(chip.strayAccesses == 0)
    }

    @Test func readOnlyInformationKeepsItsResetAndWritesGoNowhere() {
        let chip = SimulatedMicrocontroller(layout: NRF51.layout)
        let ficr = NRF51.Peripherals(bus: chip).ficr
        chip.poke("CODEPAGESIZE", in: "FICR", 1024)
        #expect(ficr.codepagesize.read().value == 1024)
        // FICR has no writable register: a write there is a stray access, and changes nothing.
        chip.write32(0xDEAD, at: 0x1000_0010)
        #expect(chip.strayAccesses == 1)
        #expect(ficr.codepagesize.read().value == 1024)
        // Nothing lives at address 0x5000_0000.
        #expect(chip.read32(at: 0x5000_0000) == 0)
        #expect(chip.strayAccesses == 2)
    }

    @Test func theTimerAndItsInterruptLine() {
        let chip = SimulatedMicrocontroller(layout: NRF51.layout)
        let timer = NRF51.Peripherals(bus: chip).timer0
        timer.cc[2].write { $0.value = 1000 }
        timer.intenset.write { $0.compare2 = .enabled }
        #expect(chip.peek("CC", in: "TIMER0", index: 2) == 1000)
        #expect(timer.intenset.read().compare2 == .enabled)
        chip.raise(interrupt: Int(NRF51.Interrupt.timer0.rawValue))
        let lines = chip.takePendingInterrupts().compactMap { NRF51.Interrupt(rawValue: UInt16($0)) }
        #expect(lines == [.timer0])
        for line in lines { NRF51.InterruptHandlers.handle(line) }  // the bundled stubs do nothing
        #expect(NRF51.Interrupt.allCases.map(\.rawValue) == [2, 8])
        #expect(NRF51.layout.peripheral(named: "TIMER0")?.address == 0x4000_8000)
    }
}
