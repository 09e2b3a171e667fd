import FirmwareConsole
import FirmwareSupport
import RegisterCore
import STM32F100Chip
import USARTConsole

/// Greets over USART1, prints a few decoded registers, and takes USART1's receive interrupt
/// through the generated vector table and the handler in STM32F100InterruptHandlers.swift.
@main
struct Firmware {
    static func main() {
        let console = USARTConsole(usart: STM32F100.usart1, rcc: STM32F100.rcc)
        console.start()
        console.print("Hello from Swift on the STM32F100, through DriverGen's registers\r\n")

        let clock = STM32F100.rcc.cr.read()
        console.print("RCC.CR: ")
        console.printHex(clock.rawValue)
        console.print(clock.hsion ? " (HSION: on" : " (HSION: off")
        console.print(clock.hsirdy ? ", HSIRDY: ready)\r\n" : ", HSIRDY: not ready)\r\n")
        let control = STM32F100.usart1.cr1.read()
        console.print("USART1.CR1: ")
        console.printHex(control.rawValue)
        console.print(control.ue && control.te ? " (UE, TE)\r\n" : "\r\n")

        // The receive interrupt: the byte CI types on QEMU's serial input arrives through
        // the generated vector table at the handler in STM32F100InterruptHandlers.swift.
        support_enable_interrupt(UInt32(STM32F100.Interrupt.usart1.rawValue))
        STM32F100.usart1.cr1.modify {
            $0.re = true
            $0.rxneie = true
        }
        console.print("Waiting for a byte on USART1...\r\n")
        guard support_wait_for_interrupt(1_000_000_000) else {
            console.print("USART1: no interrupt\r\n")
            support_exit(1)
            return
        }
        console.print("USART1 receive interrupt handled, byte ")
        console.printHex(support_last_byte())
        console.print("\r\n")
    }
}
