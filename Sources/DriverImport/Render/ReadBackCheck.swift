import DriverSpec

/// Checks the writer against libyaml: every string the importer wrote (names, descriptions,
/// driver identity) must read back, through the spec loader and so through libyaml's parser,
/// as exactly the string it was given. A difference is the writer's bug (an escape, a fold),
/// reported rather than shipped as a spec that says something the source did not.
enum ReadBackCheck {
    /// Each string that reads back differently: what it is, what was written, what was read.
    static func differences(written device: ImportedDevice, read spec: DeviceSpec) -> [String] {
        var differences: [String] = []
        func compare(_ what: @autoclosure () -> String, _ written: String?, _ read: String?) {
            // An empty text and none read the same: the writer may leave an empty one out.
            let written = written?.isEmpty == true ? nil : written, read = read?.isEmpty == true ? nil : read
            if written != read { differences.append("\(what()): wrote \(shown(written)), read back \(shown(read))") }
        }
        compare("the device's name", device.name, spec.name)
        compare("the device's description", device.description, spec.description)
        if device.microcontroller == nil { compare("the bundle identifier", device.bundleID, spec.driver.bundleIdentifier) }
        if let driverClass = device.driverClass { compare("the driver class", driverClass, spec.driver.className) }
        guard device.bars.count == spec.bars.count else {
            return differences + ["\(device.bars.count) BARs written, \(spec.bars.count) read back"]
        }
        for (bar, readBar) in zip(device.bars, spec.bars) {
            compare("BAR \(bar.index)'s name", bar.name, readBar.name)
            compare("BAR '\(bar.name)''s description", bar.description, readBar.description)
            guard bar.registers.count == readBar.registers.count else {
                differences.append("BAR '\(bar.name)': \(bar.registers.count) registers written, \(readBar.registers.count) read back")
                continue
            }
            for (register, readRegister) in zip(bar.registers, readBar.registers) {
                compare("a register's name", register.name, readRegister.memberName ?? readRegister.name)
                compare("register '\(register.name)''s description", register.description, readRegister.description)
                // A register written without fields reads back with one field over all its bits.
                guard register.fields.isEmpty || register.fields.count == readRegister.fields.count else {
                    differences.append("register '\(register.name)': \(register.fields.count) fields written, \(readRegister.fields.count) read back")
                    continue
                }
                for (field, readField) in zip(register.fields, readRegister.fields) {
                    compare("a field's name in '\(register.name)'", field.name, readField.name)
                    compare("field '\(register.name).\(field.name)''s description", field.description, readField.description)
                    for (value, readValue) in zip(field.values, readField.enumeration) {
                        compare("a value's name in '\(register.name).\(field.name)'", value.name, readValue.name)
                        compare("value '\(value.name)''s description", value.description, readValue.description)
                    }
                }
            }
        }
        for (line, readLine) in zip(device.microcontroller?.interrupts ?? [], spec.microcontroller?.interrupts ?? []) {
            compare("an interrupt's name", line.name, readLine.name)
            compare("interrupt '\(line.name)''s description", line.description, readLine.description)
        }
        return differences
    }

    private static func shown(_ text: String?) -> String {
        guard let text else { return "nothing" }
        return "\"" + text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined() + "\""
    }
}
