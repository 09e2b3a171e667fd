import FirmwareConsole
import NRF51Chip
import RegisterCore

/// Text out of the nRF51's UART, a byte at a time: the firmware's logic, generic over the
/// bus, so the same code runs on the chip (volatile accesses) and on DriverGen's simulator.
public struct UARTConsole<Bus: RegisterBus>: ByteOutput {
    public let uart: NRF51.UART0<Bus>

    /// The micro:bit's TX pin, wired to its USB interface chip.
    public static var transmitPin: UInt32 { 24 }

    public init(uart: NRF51.UART0<Bus>) {
        self.uart = uart
    }

    /// Routes TX to its pin, sets 115200 baud, enables the UART and starts the transmitter.
    public func start() {
        uart.pseltxd.write { $0.value = Self.transmitPin }
        uart.baudrate.write { $0.baudrate = .baud115200 }
        uart.enable.write { $0.enable = .enabled }
        uart.tasksStarttx.write { $0.value = 1 }
    }

    /// Sends one byte and waits for TXDRDY; false when it never comes.
    @discardableResult
    public func send(_ byte: UInt8) -> Bool {
        uart.eventsTxdrdy.write { $0.value = 0 }
        uart.txd.write { $0.txd = UInt32(byte) }
        for _ in 0..<100_000 where uart.eventsTxdrdy.read().value != 0 {
            return true
        }
        return false
    }
}
