/// Helpers generated `description`s use, so values print the same everywhere.
public enum ValueFormatting {
    /// `0x0000_00ED`-style hex, padded to the register width.
    public static func hex(_ value: some FixedWidthInteger & UnsignedInteger) -> String {
        let digits = value.bitWidth / 4
        var text = String(value, radix: 16, uppercase: true)
        text = String(repeating: "0", count: max(0, digits - text.count)) + text
        var grouped = ""
        for (index, character) in text.enumerated() {
            if index > 0 && (text.count - index) % 4 == 0 { grouped.append("_") }
            grouped.append(character)
        }
        return "0x" + grouped
    }

    /// `Name(0x...: field: value, ...)`
    public static func describe(_ type: String, raw: some FixedWidthInteger & UnsignedInteger, fields: KeyValuePairs<String, Any>) -> String {
        let parts = fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "\(type)(\(hex(raw))\(parts.isEmpty ? "" : ": " + parts))"
    }
}
