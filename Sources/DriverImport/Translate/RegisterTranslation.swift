import DriverSpec

/// One source register to a spec register: bits checked, access kinds mapped, names made
/// valid and unique, enumerated values merged. What cannot be carried over is logged.
struct RegisterTranslation {
    let log: ImportLog

    static let widths: Set<Int> = [8, 16, 32, 64]

    func translate(_ source: SourceRegister, name: String) -> ImportedRegister? {
        guard Self.widths.contains(source.size) else {
            log.lost(source.location, "register '\(source.name)' is \(source.size) bits wide; registers are 8, 16, 32 or 64; not imported", source.loss)
            return nil
        }
        let bytes = UInt64(source.size / 8)
        guard source.offset % bytes == 0 else {
            log.lost(source.location, "register '\(source.name)' at offset \(Hex.string(source.offset)) is not aligned to its \(source.size) bits; not imported", source.loss)
            return nil
        }
        if let dimension = source.dimension, dimension.count > 1, dimension.increment < bytes || dimension.increment % bytes != 0 {
            log.lost(
                source.location, "register array '\(source.name)' has a stride of \(dimension.increment) bytes, which its \(source.size)-bit registers do not fit; not imported",
                source.loss)
            return nil
        }
        let registerKind = AccessMapping.map(source.access)
        if let note = registerKind.note, source.fields.isEmpty {
            log.warning(source.location, "register '\(source.name)': \(note)")
        }
        let fields = translateFields(source)
        let width = source.size
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var register = ImportedRegister(
            name: name, offset: source.offset, width: width, access: nil,
            reset: source.resetValue & source.resetMask & mask, description: source.description, fields: fields,
            count: nil, stride: nil, aliasOf: nil, location: source.location)
        if let dimension = source.dimension, dimension.count > 1 {
            register.count = dimension.count
            register.stride = dimension.increment
        }
        // One kind for all: say it once on the register.
        let kinds = Set(fields.map { $0.access ?? "rw" })
        if fields.isEmpty {
            register.access = registerKind.kind
        } else if kinds.count == 1 {
            register.access = kinds.first
            for index in register.fields.indices { register.fields[index].access = nil }
        }
        if register.access == "rw" { register.access = nil }
        return register
    }

    private func translateFields(_ register: SourceRegister) -> [ImportedField] {
        var fields: [ImportedField] = []
        var used: UInt64 = 0
        var names = UniqueNames(convert: GeneratedNames.field)
        for field in register.fields {
            let loss = ImportLosses(fields: 1, enumValues: field.enumValueCount)
            guard field.width >= 1, field.lsb >= 0, field.lsb + field.width <= register.size else {
                log.lost(
                    field.location,
                    "field '\(field.name)' (bits \(field.lsb + field.width - 1):\(field.lsb)) does not fit in the \(register.size)-bit register '\(register.name)'; not imported",
                    loss)
                continue
            }
            let mask: UInt64 = (field.width == 64 ? ~0 : (1 << UInt64(field.width)) - 1) << UInt64(field.lsb)
            guard used & mask == 0 else {
                log.lost(field.location, "field '\(field.name)' of '\(register.name)' overlaps an earlier field; not imported", loss)
                continue
            }
            used |= mask
            let kind = AccessMapping.map(field.access)
            if let note = kind.note { log.warning(field.location, "field '\(field.name)' of '\(register.name)': \(note)") }
            let name = names.claim(validName(field.name, fallback: "bits\(field.lsb)"))
            fields.append(
                ImportedField(
                    name: name, lsb: field.lsb, width: field.width, access: kind.kind == "rw" ? nil : kind.kind,
                    description: field.description, values: translateValues(field, registerName: register.name)))
        }
        return fields
    }

    /// The field's named values: the read (or read-write) set first, then values only the write
    /// set names; defaults, don't-care patterns, duplicates and values too wide are logged.
    private func translateValues(_ field: SourceField, registerName: String) -> [ImportedEnumValue] {
        guard field.width < 64 else {
            let count = field.enumValueCount
            if count > 0 {
                log.lost(
                    field.location, "the \(count) named values of the 64-bit field '\(field.name)' are not imported: enums cover fields up to 63 bits",
                    ImportLosses(enumValues: count))
            }
            return []
        }
        let limit: UInt64 = 1 << UInt64(field.width)
        let ordered = field.enumeratedValues.filter { $0.usage != "write" } + field.enumeratedValues.filter { $0.usage == "write" }
        var values: [ImportedEnumValue] = []
        var byValue: [UInt64: String] = [:]
        var names = UniqueNames(convert: GeneratedNames.enumCase)
        var shadowedWrites: [String] = []
        for set in ordered {
            for value in set.values {
                let what = "value '\(value.name)' (\(value.literal)) of field '\(field.name)' in '\(registerName)'"
                guard let number = value.value else {
                    let why =
                        value.literal == "isDefault"
                        ? "a default case covers every other value, which the generated enum keeps as .unknown(n) already"
                        : "it is not a number (don't-care bits?)"
                    log.lost(value.location, "\(what) not imported: \(why)", ImportLosses(enumValues: 1))
                    continue
                }
                guard number < limit else {
                    log.lost(value.location, "\(what) not imported: it does not fit in \(field.width) bits", ImportLosses(enumValues: 1))
                    continue
                }
                if let earlier = byValue[number] {
                    if set.usage == "write" {
                        shadowedWrites.append("\(value.name) (\(value.literal), read as \(earlier))")
                    } else {
                        log.lost(value.location, "\(what) not imported: the value is already named '\(earlier)'", ImportLosses(enumValues: 1))
                    }
                    continue
                }
                let name = names.claim(validName(value.name, fallback: "value\(number)"))
                byValue[number] = name
                values.append(ImportedEnumValue(name: name, value: number, description: value.description))
            }
        }
        if !shadowedWrites.isEmpty {
            // One enum per field: the write set's names for values the read set names already go.
            let kind = AccessMapping.map(field.access).kind
            log.lost(
                field.location,
                "field '\(field.name)' of '\(registerName)': \(shadowedWrites.count) value\(shadowedWrites.count == 1 ? "" : "s") of its write set not imported, named for reads already: \(shadowedWrites.joined(separator: ", "))\(kind == "rw" ? "" : "; its access kind (\(kind)) says what writing does")",
                ImportLosses(enumValues: shadowedWrites.count))
        }
        return values
    }

    private func validName(_ name: String, fallback: String) -> String {
        SwiftName.canName(name) ? name : fallback
    }
}

/// Names made unique as Swift sees them: a taken name gets `_2`, `_3`...
struct UniqueNames {
    let convert: (String) -> String
    private var taken: Set<String> = []

    init(convert: @escaping (String) -> String, reserved: Set<String> = []) {
        self.convert = convert
        taken = reserved
    }

    mutating func claim(_ name: String) -> String {
        var candidate = name
        var suffix = 2
        while taken.contains(convert(candidate)) {
            candidate = "\(name)_\(suffix)"
            suffix += 1
        }
        taken.insert(convert(candidate))
        return candidate
    }
}
