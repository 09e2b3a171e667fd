/// YAML text pieces the synthesised specs are written with. SpecSynthesis writes spec text on
/// its own, without DriverSpec, so that it checks the loader rather than mirroring it.
enum SpecText {
    /// `0x1F`.
    static func hex(_ value: some BinaryInteger) -> String {
        "0x" + String(value, radix: 16, uppercase: true)
    }

    /// A double-quoted YAML scalar for `text`.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }
}
