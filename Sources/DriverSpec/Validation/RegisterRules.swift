extension SpecValidator {
    func checkRegister(_ register: RegisterSpec) {
        for width in register.accessWidths where ![8, 16, 32, 64].contains(width) || width > register.width {
            sink.error(
                register.source["access-widths"], "access width \(width) is not allowed for the \(register.width)-bit register '\(register.name)'",
                hint: "use 8, 16, 32 or 64, at most the register's width")
        }
        if register.source.wrote("access-order") && !register.isSplit {
            sink.error(
                register.source["access-order"], "'access-order' of '\(register.name)' has no effect: the register is accessed whole",
                hint: "it applies to a register wider than every width in 'access-widths'")
        }
        if register.source.wrote("reset"), register.reset & ~register.widthMask != 0 {
            sink.error(register.source["reset"], "reset value \(Hex.string(register.reset)) does not fit the \(register.width)-bit register '\(register.name)'")
        }
        checkFields(of: register)
    }

    private func checkFields(of register: RegisterSpec) {
        var taken: [(field: FieldSpec, bits: BitRange)] = []
        for field in register.fields {
            if field.bits.msb >= register.width {
                sink.error(field.source["bits"], "field '\(field.name)' (bits \(field.bits)) does not fit in the \(register.width)-bit register '\(register.name)'")
            } else if let other = taken.first(where: { $0.bits.overlaps(field.bits) }) {
                sink.error(
                    field.source["bits"], "field '\(field.name)' (bits \(field.bits)) overlaps field '\(other.field.name)' (bits \(other.bits)) in register '\(register.name)'",
                    hint: "each bit belongs to one field")
            } else {
                taken.append((field, field.bits))
            }
            checkFieldAccess(field, in: register)
            checkFieldReset(field, in: register)
            checkEnumeration(field.enumeration, of: field.name, bits: field.bits)
            checkFlags(field.flags, of: field.name, bits: field.bits)
        }
        let properties = register.fields.map { GeneratedNames.field($0.name) }
        reportCollisions(
            in: zip(register.fields, properties).map { NamedItem(name: $0.name, location: $0.source["name"], kind: "field", swiftName: $1) },
            converting: GeneratedNames.field)
        guard register.fields.contains(where: { !$0.enumeration.isEmpty || !$0.flags.isEmpty }) else { return }
        // Enum types live beside the field properties in the register's value type.
        var scope: [String: String] = [:]
        for (field, property) in zip(register.fields, properties) {
            scope[property] = field.name
        }
        for field in register.fields where !field.enumeration.isEmpty || !field.flags.isEmpty {
            let type = GeneratedNames.enumType(field.name)
            if let owner = scope[type], owner != field.name {
                let what = field.flags.isEmpty ? "enum" : "flag set"
                sink.error(field.source["name"], "the \(what) of field '\(field.name)' would be named '\(type)', like field '\(owner)'", hint: "rename one of the fields")
            }
            scope[type] = field.name
        }
    }

    /// A read-only register cannot hold writable fields, nor a write-only one readable fields (rule 5).
    private func checkFieldAccess(_ field: FieldSpec, in register: RegisterSpec) {
        if register.access == .ro && field.access.isWritable {
            sink.error(
                field.source["access"], "field '\(field.name)' is \(field.access.rawValue) (\(field.access.summary)) but register '\(register.name)' is read-only",
                hint: "make the register 'rw' and mark the read-only fields 'ro'")
        } else if (register.access == .wo || register.access == .w1) && field.access.isReadable {
            sink.error(
                field.source["access"], "field '\(field.name)' is \(field.access.rawValue) (\(field.access.summary)) but register '\(register.name)' is write-only",
                hint: "a field that needs reading belongs in a readable register")
        }
    }

    /// Resets fit their field and agree with the register's reset (rule 4).
    private func checkFieldReset(_ field: FieldSpec, in register: RegisterSpec) {
        guard field.source.wrote("reset") else { return }
        if field.reset > field.bits.maxValue {
            sink.error(field.source["reset"], "reset value \(Hex.string(field.reset)) does not fit the \(field.bits.width)-bit field '\(field.name)'")
        } else if register.source.wrote("reset") {
            let fromRegister = (register.reset & field.bits.mask) >> UInt64(field.bits.lsb)
            if fromRegister != field.reset {
                sink.error(
                    field.source["reset"],
                    "field '\(field.name)' resets to \(Hex.string(field.reset)) but the reset of register '\(register.name)' gives it \(Hex.string(fromRegister))",
                    hint: "make the two agree, or give only one of them")
            }
        }
    }

    /// Flag names and bits are unique and fit the field (rule 6, for flag sets).
    func checkFlags(_ flags: [EnumCase], of field: String, bits range: BitRange) {
        var bits: [UInt64: EnumCase] = [:]
        for flag in flags {
            if flag.value >= UInt64(range.width) {
                sink.error(
                    flag.source["bit"], "flag '\(flag.name)' is bit \(flag.value), outside the \(range.width)-bit field '\(field)'",
                    hint: "count flag bits from the field's lowest bit, 0...\(range.width - 1)")
            } else if let other = bits[flag.value] {
                sink.error(flag.source["bit"], "flags '\(other.name)' and '\(flag.name)' of field '\(field)' are both bit \(flag.value)", hint: "each bit may have one name")
            } else {
                bits[flag.value] = flag
            }
        }
        reportCollisions(
            in: flags.map { NamedItem(name: $0.name, location: $0.source.element, kind: "flag") },
            converting: GeneratedNames.enumCase)
    }

    /// Enum names and values are unique and fit the field (rule 6).
    func checkEnumeration(_ cases: [EnumCase], of field: String, bits: BitRange) {
        var values: [UInt64: EnumCase] = [:]
        for item in cases {
            if item.value > bits.maxValue {
                sink.error(item.source["value"], "enum value '\(item.name)' = \(Hex.string(item.value)) does not fit the \(bits.width)-bit field '\(field)'")
            } else if let other = values[item.value] {
                sink.error(
                    item.source["value"], "enum values '\(other.name)' and '\(item.name)' of field '\(field)' are both \(Hex.string(item.value))",
                    hint: "each value may have one name")
            } else {
                values[item.value] = item
            }
        }
        reportCollisions(
            in: cases.map { NamedItem(name: $0.name, location: $0.source.element, kind: "enum value") },
            converting: GeneratedNames.enumCase)
    }
}
