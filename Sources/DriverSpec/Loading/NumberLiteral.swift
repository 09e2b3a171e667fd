/// Integers as specs write them: `0x1f`, `0b1010`, `0o17`, `42`, with `_` between digits.
enum NumberLiteral {
    enum Parsed: Equatable {
        case value(UInt64)
        case negative
        case overflow
        case invalid
    }

    static func parse(_ text: String) -> Parsed {
        if let value = plainValue(text) { return .value(value) }
        var bytes = Substring(text).utf8[...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes = bytes.dropLast() }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var radix: UInt64 = 10
        if bytes.count > 2, bytes.first == UInt8(ascii: "0") {
            switch bytes[bytes.index(after: bytes.startIndex)] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "b"): radix = 2
            case UInt8(ascii: "o"): radix = 8
            default: break
            }
            if radix != 10 { bytes = bytes.dropFirst(2) }
        }
        guard let first = bytes.first, first != UInt8(ascii: "_"), bytes.last != UInt8(ascii: "_") else { return .invalid }
        var value: UInt64 = 0
        var overflow = false
        for byte in bytes {
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

    /// The common forms, `0x1F_00` and `4096` (no spaces, sign or other radix), read straight
    /// from the bytes; nil for anything else, which `parse` reads the long way.
    private static func plainValue(_ text: String) -> UInt64? {
        let utf8 = text.utf8
        var radix: UInt64 = 10
        var index = utf8.startIndex
        if utf8.count > 2, utf8.first == UInt8(ascii: "0") {
            let second = utf8[utf8.index(after: index)]
            if second == UInt8(ascii: "x") || second == UInt8(ascii: "X") {
                radix = 16
                index = utf8.index(index, offsetBy: 2)
            }
        }
        guard index < utf8.endIndex, utf8[index] != UInt8(ascii: "_"), utf8.last != UInt8(ascii: "_") else { return nil }
        var value: UInt64 = 0
        while index < utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "_") { continue }
            guard let digit = digitValue(byte), digit < radix else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA && !overflowB else { return nil }
            value = sum
        }
        return value
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
