/// Integers as specs write them: `0x1f`, `0b1010`, `0o17`, `42`, with `_` between digits.
enum NumberLiteral {
    enum Parsed: Equatable {
        case value(UInt64)
        case negative
        case overflow
        case invalid
    }

    static func parse(_ text: String) -> Parsed {
        var text = text
        // On the contiguous bytes: specs hold thousands of numbers.
        return text.withUTF8(parse(bytes:))
    }

    /// `parse` on UTF-8 bytes.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = 0, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        var negative = false
        if start < end, bytes[start] == UInt8(ascii: "-") {
            negative = true
            start += 1
        } else if start < end, bytes[start] == UInt8(ascii: "+") {
            start += 1
        }
        var radix: UInt64 = 10
        if end - start > 2, bytes[start] == UInt8(ascii: "0") {
            switch bytes[start + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "b"): radix = 2
            case UInt8(ascii: "o"): radix = 8
            default: break
            }
            if radix != 10 { start += 2 }
        }
        guard start < end, bytes[start] != UInt8(ascii: "_"), bytes[end - 1] != UInt8(ascii: "_") else { return .invalid }
        var value: UInt64 = 0
        var overflow = false
        for byte in bytes[start..<end] {
            if byte == UInt8(ascii: "_") { continue }
            guard let digit = digitValue(byte), digit < radix else { return .invalid }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowB) = shifted.addingReportingOverflow(digit)
            overflow = overflow || overflowA || overflowB
            value = sum
        }
        if negative { return .negative }
        return overflow ? .overflow : .value(value)
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// Formats numbers the way specs and messages show them.
public enum Hex {
    /// `0x1F`, uppercase digits, no padding.
    public static func string(_ value: some BinaryInteger) -> String {
        "0x" + String(value, radix: 16, uppercase: true)
    }

    /// `0x001F` padded to `digits`.
    public static func string(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
