import DriverSpec

/// Writes an `ImportedDevice` as spec YAML a person is happy to keep and edit: keys in the
/// order docs/spec-format.md gives them, hex numbers, a field per line where it fits, long
/// descriptions as folded blocks. The same device gives the same bytes.
struct SpecWriter {
    /// Lines longer than this are written in block style.
    static let lineLimit = 110

    private var lines: [String] = []

    static func render(_ device: ImportedDevice, header: [String]) -> String {
        var writer = SpecWriter()
        writer.lines = header.map { "# " + $0 }
        writer.write(device)
        return writer.lines.joined(separator: "\n") + "\n"
    }

    private mutating func write(_ device: ImportedDevice) {
        lines.append("name: \(Self.quoted(device.name))")
        text("description", device.description, indent: "")
        if let microcontroller = device.microcontroller { return write(microcontroller, peripherals: device.bars) }
        lines.append("pci: { vendor: \(Hex.string(device.vendorID, digits: 4)), device: \(Hex.string(device.deviceID, digits: 4)) }")
        var driver = ["bundle-id: \(Self.quoted(device.bundleID))"]
        if let driverClass = device.driverClass { driver.insert("class: \(Self.quoted(driverClass))", at: 0) }
        lines.append("driver: { \(driver.joined(separator: ", ")) }")
        lines.append("bars:")
        for bar in device.bars {
            lines.append("  - index: \(bar.index)")
            lines.append("    name: \(Self.quoted(bar.name))")
            lines.append("    type: \(bar.isMem64 ? "mem64" : "mem32")")
            lines.append("    size: \(Self.hex(bar.size))")
            text("description", bar.description, indent: "    ")
            if bar.registers.isEmpty {
                lines.append("    registers: []")
                continue
            }
            lines.append("    registers:")
            for register in bar.registers { write(register) }
        }
    }

    private mutating func write(_ microcontroller: ImportedMicrocontroller, peripherals: [ImportedBar]) {
        if microcontroller.cpu != nil || !microcontroller.interrupts.isEmpty {
            lines.append("microcontroller:")
            if let cpu = microcontroller.cpu { lines.append("  cpu: \(Self.quoted(cpu))") }
            if !microcontroller.interrupts.isEmpty {
                lines.append("  interrupts:")
                for line in microcontroller.interrupts {
                    let flow = ["name: \(Self.quoted(line.name))", "number: \(line.number)"] + (line.description.map { ["description: \(Self.quoted($0))"] } ?? [])
                    lines.append("    - { \(flow.joined(separator: ", ")) }")
                }
            }
        }
        lines.append("peripherals:")
        for peripheral in peripherals {
            lines.append("  - name: \(Self.quoted(peripheral.name))")
            lines.append("    base: \(Self.hex(peripheral.address ?? 0))")
            lines.append("    size: \(Self.hex(peripheral.size))")
            text("description", peripheral.description, indent: "    ")
            guard !peripheral.registers.isEmpty else { continue }
            lines.append("    registers:")
            for register in peripheral.registers { write(register) }
        }
    }

    private mutating func write(_ register: ImportedRegister) {
        let indent = "        "
        lines.append("      - name: \(Self.quoted(register.name))")
        lines.append("\(indent)offset: \(Self.hex(register.offset))")
        if register.width != 32 { lines.append("\(indent)width: \(register.width)") }
        if let alias = register.aliasOf { lines.append("\(indent)alias-of: \(Self.quoted(alias))") }
        if let access = register.access { lines.append("\(indent)access: \(access)") }
        if register.writeOnly { lines.append("\(indent)write-only: true") }
        if register.reset != 0 { lines.append("\(indent)reset: \(Self.hex(register.reset))") }
        if let count = register.count, let stride = register.stride {
            lines.append("\(indent)count: \(count)")
            lines.append("\(indent)stride: \(Self.hex(stride))")
        }
        text("description", register.description, indent: indent)
        guard !register.fields.isEmpty else { return }
        lines.append("\(indent)fields:")
        for field in register.fields { write(field, registerWidth: register.width) }
    }

    private mutating func write(_ field: ImportedField, registerWidth: Int) {
        let indent = "            "
        let bits = field.width == 1 ? "\(field.lsb)" : "\"\(field.lsb + field.width - 1):\(field.lsb)\""
        var pairs = ["name: \(Self.quoted(field.name))", "bits: \(bits)"]
        if let access = field.access { pairs.append("access: \(access)") }
        if field.values.isEmpty {
            let flow = pairs + (field.description.map { ["description: \(Self.quoted($0))"] } ?? [])
            let line = "          - { \(flow.joined(separator: ", ")) }"
            if line.count <= Self.lineLimit {
                lines.append(line)
                return
            }
        }
        lines.append("          - " + pairs[0])
        for pair in pairs.dropFirst() { lines.append(indent + pair) }
        text("description", field.description, indent: indent)
        guard !field.values.isEmpty else { return }
        lines.append("\(indent)enum:")
        for value in field.values {
            var flow = ["name: \(Self.quoted(value.name))", "value: \(Self.hex(value.value))"]
            if let description = value.description { flow.append("description: \(Self.quoted(description))") }
            let line = "\(indent)  - { \(flow.joined(separator: ", ")) }"
            if line.count <= Self.lineLimit {
                lines.append(line)
            } else {
                lines.append("\(indent)  - name: \(Self.quoted(value.name))")
                lines.append("\(indent)    value: \(Self.hex(value.value))")
                text("description", value.description, indent: indent + "    ")
            }
        }
    }

    /// `key: "text"`, or a folded block (`>-`) wrapped at spaces when it is long.
    private mutating func text(_ key: String, _ value: String?, indent: String) {
        guard let value, !value.isEmpty else { return }
        let line = "\(indent)\(key): \(Self.quoted(value))"
        if line.count <= Self.lineLimit || !Self.foldable(value) {
            lines.append(line)
            return
        }
        lines.append("\(indent)\(key): >-")
        let contentIndent = indent + "  "
        var current = ""
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && contentIndent.count + current.count + 1 + word.count > Self.lineLimit {
                lines.append(contentIndent + current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        if !current.isEmpty { lines.append(contentIndent + current) }
    }

    /// Text a folded block keeps exactly: single spaces between words, printable characters.
    private static func foldable(_ text: String) -> Bool {
        !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ")
            && !text.unicodeScalars.contains(where: needsEscape)
    }

    /// Control characters, the byte-order mark and line separators: written as escapes.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
            || scalar == "\u{FEFF}" || (0x2028...0x2029).contains(scalar.value)
    }

    /// A double-quoted YAML scalar (JSON's escapes, which YAML shares).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if needsEscape(scalar) {
                    let digits = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func hex(_ value: some BinaryInteger) -> String { Hex.string(value) }
}
