import DriverSpec

/// Registers as the text table `DriverRuntime.RegisterLayout.table(_:)` reads: one line per
/// register (the format is documented there). Generated code carries the table as a string
/// literal, which costs the compiler nothing, where an array literal of layouts cost minutes.
enum RegisterTableText {
    /// The table's lines, in the spec's order.
    static func lines(_ registers: [RegisterSpec]) -> [String] {
        registers.map(line)
    }

    static func line(_ register: RegisterSpec) -> String {
        var words = [name(register.name), "offset=\(hex(register.offset))", "width=\(register.width)"]
        if let array = register.array {
            words.append("count=\(array.count)")
            words.append("stride=\(hex(array.stride))")
        }
        if register.accessWidths != [register.width] {
            words.append("widths=" + register.accessWidths.map(String.init).joined(separator: "/"))
        }
        if register.reset != 0 { words.append("reset=\(hex(register.reset))") }
        if let effect = register.effect { words.append("\(effect.kind.rawValue)=\(name(effect.target))") }
        if let alias = register.aliasOf { words.append("alias=\(name(alias))") }
        if register.isWriteOnly { words.append("write-only") }
        var line = words.joined(separator: " ")
        for field in register.fields {
            line += " | \(name(field.name)) \(hex(field.bits.mask)) \(field.access.rawValue)"
            if !field.enumeration.isEmpty { line += " values=" + pairs(field.enumeration) }
            if !field.flags.isEmpty { line += " flags=" + pairs(field.flags) }
        }
        return line
    }

    private static func hex(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16, uppercase: true)
    }

    private static func pairs(_ cases: [EnumCase]) -> String {
        cases.map { "\($0.value):\(name($0.name))" }.joined(separator: ",")
    }

    /// A name with every byte but letters, digits, `_`, `.` and `-` percent-encoded, so that
    /// it holds no separator of the table and nothing a string literal would interpret.
    static func name(_ text: String) -> String {
        func isKept(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default: false
            }
        }
        // Nearly every name is kept as it is.
        if text.utf8.allSatisfy(isKept) { return text }
        var encoded = ""
        for byte in text.utf8 {
            if isKept(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
