import DriverSpec
import Foundation

/// Spec text and numbers written as Swift source, safe whatever the spec contains.
enum SwiftLiteral {
    /// A string literal: quotes, backslashes, interpolation and control characters escaped.
    static func string(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// The inside of a string literal for `text`.
    static func escaped(_ text: String) -> String {
        // Nearly every name and description needs no escape: say so from the bytes. 0xE2 leads
        // U+2028 and U+2029 (and other characters, which the slow path keeps).
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0xE2 }
        guard needsEscape else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Hex grouped by 4 digits, padded to `width` bits when given: `0x1F`, `0x1_0000`,
    /// `0x0000_00ED` for 32 bits.
    static func hex(_ value: UInt64, width: Int = 0) -> String {
        var digits = 1
        while digits < 16 && value >> (4 * UInt64(digits)) != 0 { digits += 1 }
        digits = max(digits, width / 4)
        // At most "0x" + 16 digits + 3 separators: built in bytes, on the stack.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 + digits + digits / 4) { bytes in
            var count = 0
            func append(_ byte: UInt8) {
                bytes[count] = byte
                count += 1
            }
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "x"))
            for position in stride(from: digits - 1, through: 0, by: -1) {
                let nibble = position < 16 ? UInt8(truncatingIfNeeded: value >> (4 * UInt64(position))) & 0xF : 0
                append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
                if position > 0 && position % 4 == 0 { append(UInt8(ascii: "_")) }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
        }
    }
}

/// Doc comments from spec descriptions: one `///` line per line of text.
enum DocComment {
    /// `lines`, each indented by the number of spaces `key` ends with (`docComment8`) and ended
    /// with a line break; nil for a key of another form.
    static func block(_ lines: [String], key: String) -> String? {
        guard key.hasPrefix("docComment"), let indent = Int(key.dropFirst("docComment".count)) else { return nil }
        let prefix = String(repeating: " ", count: indent)
        var block = ""
        block.reserveCapacity(lines.reduce(0) { $0 + indent + $1.utf8.count + 1 })
        for line in lines {
            block += prefix
            block += line
            block += "\n"
        }
        return block
    }

    /// `///` lines for `text` and any extra lines, never with trailing spaces.
    static func lines(_ text: String?, then extra: [String] = []) -> [String] {
        var result: [String] = []
        result.reserveCapacity(extra.count + 3)
        if let text, !text.isEmpty {
            // A carriage return would end a comment line in Swift: every line break becomes a new line.
            // Most descriptions are one line: skip splitting by characters, which is slow.
            var paragraphs =
                !hasLineBreak(text)
                ? [text[...]]
                : text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            while let last = paragraphs.last, last.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { paragraphs.removeLast() }
            for paragraph in paragraphs { result.append(commentLine(paragraph)) }
        }
        if !result.isEmpty && !extra.isEmpty { result.append("///") }
        for line in extra { result.append(commentLine(line[...])) }
        return result
    }

    /// Whether `text` holds a line feed or carriage return (`memchr`, which reads a word at a time).
    private static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(start, 0x0A, bytes.count) != nil || memchr(start, 0x0D, bytes.count) != nil
        } ?? text.utf8.contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// `/// line` without trailing spaces or tabs, or `///` for a blank line.
    private static func commentLine(_ line: Substring) -> String {
        // Found in bytes: a space or tab is always a character of its own.
        let utf8 = line.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        guard end != line.startIndex else { return "///" }
        var comment = "/// "
        comment.reserveCapacity(4 + utf8.distance(from: utf8.startIndex, to: end))
        comment += line[..<end]
        return comment
    }
}
