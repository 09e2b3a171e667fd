// Firmware logic against a simulated microcontroller (Specs/nrf51.yaml): the chip's address
// space, with what the UART does modelled by a write hook.
import DriverRuntime
import DriverSimulator
import GeneratedDrivers

@main struct FirmwareOnTheSimulator {
    static func main() {
        // snippet.show
        let chip = SimulatedMicrocontroller(layout: NRF51.layout)
        chip.onWrite("TXD", in: "UART0") { chip, byte in
            print("sent", byte)  // the byte leaves...
            chip.poke("EVENTS_TXDRDY", in: "UART0", 1)  // ...and the UART says so
        }
        let uart = NRF51.Peripherals(bus: chip).uart0
        uart.enable.write { $0.enable = .enabled }
        uart.txd.write { $0.txd = 0x41 }
        print(uart.eventsTxdrdy.read().value, uart.enable.read())  // 1 Uart0Enable(0x0000_0004: ENABLE: Enabled)
        // snippet.end
        precondition(chip.strayAccesses == 0)
    }
}
