import FirmwareConsole
import FirmwareSupport
import NRF51Chip
import RegisterCore
import UARTConsole

/// Greets over the UART, prints a few decoded registers, and takes TIMER0's compare interrupt
/// through the generated vector table and the handler in NRF51InterruptHandlers.swift.
@main
struct Firmware {
    static func main() {
        let console = UARTConsole(uart: NRF51.uart0)
        console.start()
        console.print("Hello from Swift on the nRF51, through DriverGen's registers\r\n")

        let ficr = NRF51.ficr
        console.print("FICR.CODEPAGESIZE: ")
        console.printDecimal(ficr.codepagesize.read().value)
        console.print(" bytes, FICR.CODESIZE: ")
        console.printDecimal(ficr.codesize.read().value)
        console.print(" pages\r\n")
        let enable = NRF51.uart0.enable.read()
        console.print("UART0.ENABLE: ")
        console.printHex(enable.rawValue)
        console.print(enable.enable == .enabled ? " (Enabled)\r\n" : " (reads back as not Enabled)\r\n")

        let timer = NRF51.timer0
        timer.mode.write { $0.mode = .timer }
        timer.bitmode.write { $0.bitmode = ._32Bit }
        timer.prescaler.write { $0.prescaler = 4 }  // 16 MHz / 2^4: microseconds
        timer.cc[0].write { $0.value = 1000 }
        timer.intenset.write { $0.compare0 = .enabled }
        support_enable_interrupt(UInt32(NRF51.Interrupt.timer0.rawValue))
        timer.tasksStart.write { $0.value = 1 }
        guard support_wait_for_interrupt(50_000_000) else {
            console.print("TIMER0: no interrupt\r\n")
            support_exit(1)
            return
        }
        console.print("TIMER0 interrupt handled: ")
        console.printDecimal(support_interrupt_count())
        console.print("\r\n")
    }
}
