/// Something that sends bytes one at a time (a UART, a USART): text, hex and decimal printing
/// on top, the same for every board and for the hand-written benchmark baseline.
public protocol ByteOutput {
    /// Sends one byte; false when the device never took it.
    @discardableResult
    func send(_ byte: UInt8) -> Bool
}

extension ByteOutput {
    public func print(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes { send(byte) }
        }
    }

    /// `0x` and eight hex digits.
    public func printHex(_ value: UInt32) {
        print("0x")
        for shift in stride(from: 28, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            send(digit < 10 ? 0x30 + digit : 0x41 + digit - 10)
        }
    }

    /// Decimal digits, no leading zeros.
    public func printDecimal(_ value: UInt32) {
        var divisor: UInt32 = 1
        while value / divisor >= 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            send(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
