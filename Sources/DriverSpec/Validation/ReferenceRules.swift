extension SpecValidator {
    /// Cross-register effects name a writable register's target (rules 5 and 8).
    func checkEffects() {
        for register in spec.allRegisters {
            guard let effect = register.effect else { continue }
            let location = effect.source[effect.kind.rawValue]
            if !register.isWritable {
                sink.error(location, "register '\(register.name)' cannot have a write effect: it is not writable")
            }
            if register.array != nil {
                sink.error(location, "register array '\(register.name)' cannot have a write effect", hint: "effects apply to single registers")
            }
            guard let target = resolveRegister(effect.target, at: location) else { continue }
            if target.name == register.name {
                sink.error(location, "the effect of '\(register.name)' targets the register itself")
            } else if target.array != nil {
                sink.error(location, "effect target '\(target.name)' is a register array", hint: "effects apply to single registers")
            } else if target.width != register.width {
                sink.error(
                    location, "effect target '\(target.name)' is \(target.width) bits wide but '\(register.name)' is \(register.width)",
                    hint: "written bits map one to one, so the widths must match")
            }
        }
    }

    /// The register named `name`, or nil with a diagnostic (unless it failed to decode).
    func resolveRegister(_ name: String, at location: SourceLocation) -> RegisterSpec? {
        if let register = spec.register(named: name) { return register }
        if !brokenNames.contains(name) {
            sink.error(location, "no register named '\(name)'", hint: Suggestions.didYouMean(name, in: spec.allRegisters.map(\.name)))
        }
        return nil
    }

    /// The register and field (nil for a whole register) a reference names, or nil with a diagnostic.
    func resolve(_ reference: FieldReference, at location: SourceLocation) -> (RegisterSpec, FieldSpec?)? {
        guard let register = resolveRegister(reference.register, at: location) else { return nil }
        guard let fieldName = reference.field else { return (register, nil) }
        if let field = register.field(named: fieldName) { return (register, field) }
        if !brokenNames.contains("\(register.name).\(fieldName)") {
            sink.error(
                location, "register '\(register.name)' has no field '\(fieldName)'",
                hint: Suggestions.didYouMean(fieldName, in: register.fields.map(\.name)))
        }
        return nil
    }
}
