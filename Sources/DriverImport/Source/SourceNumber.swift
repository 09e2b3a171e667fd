import Foundation

/// Numbers as SVD and IP-XACT write them: decimal, `0x1F`, `0X1F`, `#1010` (binary, SVD),
/// `0b1010`, and Verilog literals (`'h1F`, `32'h1F`, `8'b1010_0000`, `'d12`).
enum SourceNumber {
    static func parse(_ text: String) -> UInt64? {
        var literal = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines)).filter { $0 != "_" }[...]
        if let tick = literal.firstIndex(of: "'") {
            // Verilog: an optional width, then a base letter.
            let base = literal[literal.index(after: tick)...]
            guard let letter = base.first else { return nil }
            let digits = base.dropFirst()
            switch letter {
            case "h", "H": return UInt64(digits, radix: 16)
            case "b", "B": return UInt64(digits, radix: 2)
            case "o", "O": return UInt64(digits, radix: 8)
            case "d", "D": return UInt64(digits, radix: 10)
            default: return nil
            }
        }
        if literal.hasPrefix("#") { return UInt64(literal.dropFirst(), radix: 2) }
        if literal.hasPrefix("+") { literal = literal.dropFirst() }
        let lower = literal.lowercased()
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        if lower.hasPrefix("0b") { return UInt64(lower.dropFirst(2), radix: 2) }
        return UInt64(literal, radix: 10)
    }

    /// A count, size or bit position; nil when absent or beyond any real device (hostile input
    /// must not overflow the arithmetic after it).
    static func small(_ text: String?) -> Int? {
        text.flatMap(parse).flatMap { $0 <= 1 << 20 ? Int($0) : nil }
    }

    /// A base address or offset, up to 2^48.
    static func address(_ text: String?) -> UInt64? {
        text.flatMap(parse).flatMap { $0 <= 1 << 48 ? $0 : nil }
    }

    /// The distance between copies, up to 2^32 (so that 65,536 copies stay below 2^48).
    static func stride(_ text: String?) -> UInt64? {
        text.flatMap(parse).flatMap { $0 <= 1 << 32 ? $0 : nil }
    }

    /// Whether an SVD enumerated value has don't-care bits (`#1x0`).
    static func hasDontCareBits(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces).hasPrefix("#") && text.lowercased().contains("x")
    }
}
