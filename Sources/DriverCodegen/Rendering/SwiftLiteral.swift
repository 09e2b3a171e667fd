import DriverSpec

/// Spec text and numbers written as Swift source, safe whatever the spec contains.
enum SwiftLiteral {
    /// A string literal: quotes, backslashes, interpolation and control characters escaped.
    static func string(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// The inside of a string literal for `text`.
    static func escaped(_ text: String) -> String {
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
        let text = String(value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, width / 4 - text.count)) + text
        var grouped = ""
        for (index, character) in padded.enumerated() {
            if index > 0 && (padded.count - index) % 4 == 0 { grouped.append("_") }
            grouped.append(character)
        }
        return "0x" + grouped
    }
}

/// Doc comments from spec descriptions: one `///` line per line of text.
enum DocComment {
    /// `///` lines for `text` and any extra lines, never with trailing spaces.
    static func lines(_ text: String?, then extra: [String] = []) -> [String] {
        var paragraphs: [Substring] = []
        if let text, !text.isEmpty {
            // A carriage return would end a comment line in Swift: every line break becomes a new line.
            // Most descriptions are one line: skip splitting by characters, which is slow.
            paragraphs = !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) ? [text[...]]
                : text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            while let last = paragraphs.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { paragraphs.removeLast() }
        }
        if !paragraphs.isEmpty && !extra.isEmpty { paragraphs.append("") }
        paragraphs += extra.map { Substring($0) }
        return paragraphs.map { line in
            var end = line.endIndex
            while end > line.startIndex, line[line.index(before: end)] == " " || line[line.index(before: end)] == "\t" {
                end = line.index(before: end)
            }
            return end == line.startIndex ? "///" : "/// " + line[..<end]
        }
    }
}
