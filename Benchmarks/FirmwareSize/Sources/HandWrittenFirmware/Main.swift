import FirmwareConsole
import FirmwareSupport

// Examples/Microbit's firmware as one would write it by hand from the nRF51 reference manual:
// the same accesses in the same order, each a volatile load or store at a raw address.

@inline(__always) func load(_ address: UInt) -> UInt32 {
    UnsafeMutablePointer<UInt32>(bitPattern: address).unsafelyUnwrapped.withMemoryRebound(to: UInt32.self, capacity: 1) { support_load32($0) }
}

@inline(__always) func store(_ address: UInt, _ value: UInt32) {
    support_store32(UnsafeMutablePointer<UInt32>(bitPattern: address).unsafelyUnwrapped, value)
}

let uart0: UInt = 0x4000_2000
let timer0: UInt = 0x4000_8000
let ficr: UInt = 0x1000_0000

/// UART0 by hand; the text printing is the examples' own (FirmwareConsole), so only the
/// register accesses differ between the two firmwares.
struct UART: ByteOutput {
    @discardableResult
    func send(_ byte: UInt8) -> Bool {
        store(uart0 + 0x11C, 0)  // EVENTS_TXDRDY
        store(uart0 + 0x51C, UInt32(byte))  // TXD
        for _ in 0..<100_000 where load(uart0 + 0x11C) != 0 {
            return true
        }
        return false
    }
}

@c func timer0Interrupt() {
    store(timer0 + 0x140, 0)  // EVENTS_COMPARE[0]
    store(timer0 + 0x004, 1)  // TASKS_STOP
    support_note_interrupt()
}

@c func unnamedInterrupt() {
    while true {}
}

// The device's vector table entries, IRQ 0 to 25, as a CMSIS startup file lists them.
@section(".vectors.device")
let deviceVectors:
    (
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void, @convention(c) () -> Void,
        @convention(c) () -> Void, @convention(c) () -> Void
    ) = (
        unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt,
        unnamedInterrupt, unnamedInterrupt, timer0Interrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt,
        unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt,
        unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt, unnamedInterrupt,
        unnamedInterrupt, unnamedInterrupt
    )

@main
struct Firmware {
    static func main() {
        store(uart0 + 0x50C, 24)  // PSELTXD
        store(uart0 + 0x524, 0x01D7_E000)  // BAUDRATE: 115200
        store(uart0 + 0x500, 4)  // ENABLE
        store(uart0 + 0x008, 1)  // TASKS_STARTTX
        let console = UART()
        console.print("Hello from Swift on the nRF51, through DriverGen's registers\r\n")

        console.print("FICR.CODEPAGESIZE: ")
        console.printDecimal(load(ficr + 0x010))
        console.print(" bytes, FICR.CODESIZE: ")
        console.printDecimal(load(ficr + 0x014))
        console.print(" pages\r\n")
        let enable = load(uart0 + 0x500)
        console.print("UART0.ENABLE: ")
        console.printHex(enable)
        console.print(enable & 7 == 4 ? " (Enabled)\r\n" : " (reads back as not Enabled)\r\n")

        store(timer0 + 0x504, 0)  // MODE: timer
        store(timer0 + 0x508, 3)  // BITMODE: 32 bits
        store(timer0 + 0x510, 4)  // PRESCALER
        store(timer0 + 0x540, 1000)  // CC[0]
        store(timer0 + 0x304, 1 << 16)  // INTENSET: COMPARE0
        support_enable_interrupt(8)
        store(timer0 + 0x000, 1)  // TASKS_START
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
