extension RegisterLayout {
    /// Registers from the text table generated code carries: one register per line, read once
    /// on first use. A table is a string literal because an array literal of thousands of
    /// `RegisterLayout`s takes the type checker minutes; a string takes it no time at all.
    ///
    /// A line is the register's name and its properties, then its fields after ` | `:
    ///
    ///     STATUS offset=0x20 width=32 reset=0x1 | READY 0x1 rw | MODE 0x6 rw values=0:OFF,1:ON
    ///
    /// Register properties: `offset` and `width` always; `count` and `stride` for arrays;
    /// `widths` (access widths, `/`-separated) unless the only one is the register's width;
    /// `reset` unless 0; `sets` or `clears` (a write's effect on another register); `alias`;
    /// `write-only`. A field is its name, mask and access kind, then `values=` or `flags=`
    /// (`value:name` pairs, comma-separated) when the spec names its values or bits.
    /// Names are percent-encoded: every byte but letters, digits, `_`, `.` and `-`.
    public static func table(_ text: String) -> [RegisterLayout] {
        var registers: [RegisterLayout] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            registers.append(RegisterTableLine(line).register)
        }
        return registers
    }
}

/// One line of a register table.
private struct RegisterTableLine {
    let line: Substring

    init(_ line: Substring) {
        self.line = line
    }

    var register: RegisterLayout {
        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.split(separator: " ") }
        guard let head = parts.first, let name = head.first else { malformed("no register name") }
        var offset: Int?, width: Int?, count = 1, stride = 0, widths: [Int]?, reset: UInt64 = 0
        var effect: RegisterEffectLayout?, alias: String?, isWriteOnly = false
        for property in head.dropFirst() {
            let (key, value) = split(property)
            switch key {
            case "offset": offset = Int(number(value))
            case "width": width = Int(number(value))
            case "count": count = Int(number(value))
            case "stride": stride = Int(number(value))
            case "widths": widths = value.split(separator: "/").map { Int(number($0)) }
            case "reset": reset = number(value)
            case "sets": effect = .init(kind: .sets, target: decodedName(value))
            case "clears": effect = .init(kind: .clears, target: decodedName(value))
            case "alias": alias = decodedName(value)
            case "write-only": isWriteOnly = true
            default: malformed("unknown property '\(key)'")
            }
        }
        guard let offset, let width else { malformed("no offset or width") }
        return RegisterLayout(
            name: decodedName(name), offset: offset, width: width, count: count, stride: stride,
            accessWidths: widths ?? [width], resetValue: reset, fields: parts.dropFirst().map(field),
            effect: effect, aliasOf: alias, isWriteOnly: isWriteOnly)
    }

    private func field(_ words: [Substring]) -> FieldLayout {
        guard words.count >= 3, let access = FieldAccess(rawValue: String(words[2])) else { malformed("a field needs a name, a mask and an access kind") }
        var names = FieldNames.none
        for property in words.dropFirst(3) {
            let (key, value) = split(property)
            let pairs = value.split(separator: ",").map { pair -> NamedValue in
                let (number, name) = split(pair, at: ":")
                return NamedValue(self.number(number), decodedName(name))
            }
            switch key {
            case "values": names = .values(pairs)
            case "flags": names = .flags(pairs)
            default: malformed("unknown field property '\(key)'")
            }
        }
        return FieldLayout(name: decodedName(words[0]), mask: number(words[1]), access: access, names: names)
    }

    private func split(_ text: Substring, at separator: Character = "=") -> (Substring, Substring) {
        guard let index = text.firstIndex(of: separator) else { return (text, "") }
        return (text[..<index], text[text.index(after: index)...])
    }

    private func number(_ text: Substring) -> UInt64 {
        let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let value else { malformed("'\(text)' is not a number") }
        return value
    }

    private func decodedName(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "%"), let high = utf8.next(), let low = utf8.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func malformed(_ problem: String) -> Never {
        preconditionFailure("register table line '\(line)': \(problem)")
    }
}
