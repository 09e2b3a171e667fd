import FirmwareConsole
import RegisterCore
import STM32F100Chip

/// Text out of the STM32F100's USART1, a byte at a time: the firmware's logic, generic over
/// the bus, so the same code runs on the chip (volatile accesses) and on DriverGen's simulator.
public struct USARTConsole<Bus: RegisterBus>: ByteOutput {
    public let usart: STM32F100.USART1<Bus>
    public let rcc: STM32F100.RCC<Bus>

    public init(usart: STM32F100.USART1<Bus>, rcc: STM32F100.RCC<Bus>) {
        self.usart = usart
        self.rcc = rcc
    }

    /// Clocks USART1 and port A (its TX pin), sets 115200 baud from the 8 MHz clock, and
    /// enables the USART's transmitter.
    public func start() {
        rcc.apb2ENR.modify {
            $0.usart1EN = true
            $0.iopaen = true
        }
        usart.brr.write {
            $0.divMantissa = 4  // 8 MHz / (16 * 115200) = 4.34
            $0.divFraction = 5
        }
        usart.cr1.write {
            $0.ue = true
            $0.te = true
        }
    }

    /// Waits for room in the transmit register, then sends one byte; false when there is none.
    @discardableResult
    public func send(_ byte: UInt8) -> Bool {
        for _ in 0..<100_000 where usart.sr.read().txe {
            usart.dr.write { $0.dr = UInt32(byte) }
            return true
        }
        return false
    }
}
