/// How register values print, the same everywhere.
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

    /// `Name(0x...: FIELD: value, ...)` from the register's layout: a flag prints `true` or
    /// `false`, a number in decimal, an enumeration its value's name (or `unknown(0x...)`),
    /// flags their names in brackets (and the bits without one in hex).
    public static func describe(_ type: String, raw: some FixedWidthInteger & UnsignedInteger, layout: RegisterLayout?) -> String {
        var text = type + "(" + hex(raw)
        for (index, field) in (layout?.fields ?? []).enumerated() {
            text += index == 0 ? ": " : ", "
            text += field.name + ": " + describe(field.value(in: UInt64(raw)), of: field)
        }
        return text + ")"
    }

    /// One field's value.
    public static func describe(_ value: UInt64, of field: FieldLayout) -> String {
        switch field.names {
        case .values(let names):
            return names.first { $0.value == value }?.name ?? "unknown(0x\(String(value, radix: 16, uppercase: true)))"
        case .flags(let names):
            var parts = names.filter { value & (1 << $0.value) != 0 }.map(\.name)
            let unnamed = names.reduce(value) { $0 & ~(1 << $1.value) }
            if unnamed != 0 { parts.append("0x" + String(unnamed, radix: 16, uppercase: true)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .none:
            return field.mask.nonzeroBitCount == 1 ? String(value != 0) : String(value)
        }
    }
}
