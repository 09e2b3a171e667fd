import DriverSpec

extension DeviceComparison {
    /// Compares the fields of a register pair; returns whether a field's reset changed.
    mutating func compareFields(_ oldRegister: RegisterSpec, _ newRegister: RegisterSpec, path registerPath: String) -> Bool {
        // A register without fields has one implicit field, `value`; its changes are the register's.
        if oldRegister.hasImplicitField && newRegister.hasImplicitField { return false }
        let fields = Matching(old: oldRegister.fields, new: newRegister.fields, name: \.name, place: \.bits)
        for field in fields.removed {
            report(
                .fieldRemoved, "field '\(field.name)' of register '\(newRegister.name)' was removed", path: "\(registerPath)/fields/\(field.name)",
                old: field.name, at: field.source.element, newRegister.source.element)
        }
        for field in fields.added {
            report(
                .fieldAdded, "field '\(field.name)' (bits \(field.bits)) was added to register '\(newRegister.name)'",
                path: "\(registerPath)/fields/\(field.name)", new: field.name, at: oldRegister.source.element, field.source.element)
        }
        var resetChanged = false
        for (o, n, renamed) in fields.pairs {
            let path = "\(registerPath)/fields/\(n.name)"
            let what = "field '\(n.name)' of register '\(newRegister.name)'"
            if renamed {
                report(
                    .fieldRenamed, "field '\(o.name)' (bits \(n.bits)) of register '\(newRegister.name)' was renamed to '\(n.name)'", path: path,
                    old: o.name, new: n.name, at: o.source["name"], n.source["name"])
            }
            compare(o.bits, n.bits, .fieldBitsChanged, "the bits of \(what)", path: path, at: o.source["bits"], n.source["bits"]) { "\($0)" }
            compareAccess(o, n, what: what, path: path)
            if o.reset != n.reset {
                resetChanged = true
                report(
                    .fieldResetChanged, "the reset value of \(what) changed from \(Hex.string(o.reset)) to \(Hex.string(n.reset))", path: path,
                    old: Hex.string(o.reset), new: Hex.string(n.reset), at: o.source["reset"], n.source["reset"])
            }
            compareDescriptions(o.description, n.description, what, path: path, at: o.source["description"], n.source["description"])
            compareEnumerations(o, n, what: what, path: path)
            compareFlags(o, n, what: what, path: path)
        }
        return resetChanged
    }

    /// Plain kinds are compared by what they let software do; any change involving a side
    /// effect (clear, set, toggle on write, or a read that changes the value) is a change of meaning.
    private mutating func compareAccess(_ o: FieldSpec, _ n: FieldSpec, what: String, path: String) {
        guard o.access != n.access else { return }
        let plain: [AccessKind: Set<String>] = [
            .rw: ["read", "write", "rewrite"], .ro: ["read"], .wo: ["write", "rewrite"], .w1: ["write"], .rw1: ["read", "write"],
        ]
        let rule: DiffRule
        if let before = plain[o.access], let after = plain[n.access] {
            rule = after.isSubset(of: before) ? .fieldAccessNarrowed : after.isSuperset(of: before) ? .fieldAccessWidened : .fieldAccessSemanticsChanged
        } else {
            rule = .fieldAccessSemanticsChanged
        }
        report(
            rule, "the access of \(what) changed from \(o.access.rawValue) (\(o.access.summary)) to \(n.access.rawValue) (\(n.access.summary))",
            path: path, old: o.access.rawValue, new: n.access.rawValue, at: o.source["access"], n.source["access"])
    }

    mutating func compareEnumerations(_ o: FieldSpec, _ n: FieldSpec, what: String, path: String) {
        switch (o.enumeration.isEmpty, n.enumeration.isEmpty) {
        case (true, true):
            return
        case (true, false):
            report(.fieldBecameEnum, "\(what) became an enumeration: its Swift type changes", path: path, at: o.source.element, n.source["enum"])
            return
        case (false, true):
            report(.fieldEnumRemoved, "\(what) is no longer an enumeration: its Swift type changes", path: path, at: o.source["enum"], n.source.element)
            return
        case (false, false):
            break
        }
        let cases = Matching(old: o.enumeration, new: n.enumeration, name: \.name, place: \.value)
        for item in cases.removed {
            report(
                .enumValueRemoved, "enum value '\(item.name)' (\(Hex.string(item.value))) of \(what) was removed", path: "\(path)/enum/\(item.name)",
                old: item.name, at: item.source.element, n.source["enum"])
        }
        for item in cases.added {
            report(
                .enumValueAdded, "enum value '\(item.name)' (\(Hex.string(item.value))) was added to \(what): exhaustive switches need a case",
                path: "\(path)/enum/\(item.name)", new: item.name, at: o.source["enum"], item.source.element)
        }
        for (oldCase, newCase, renamed) in cases.pairs {
            if renamed {
                report(
                    .enumValueRenamed, "enum value \(Hex.string(newCase.value)) of \(what) was renamed from '\(oldCase.name)' to '\(newCase.name)'",
                    path: "\(path)/enum/\(newCase.name)", old: oldCase.name, new: newCase.name, at: oldCase.source.element, newCase.source.element)
            } else if oldCase.value != newCase.value {
                report(
                    .enumValueChanged, "enum value '\(newCase.name)' of \(what) changed from \(Hex.string(oldCase.value)) to \(Hex.string(newCase.value))",
                    path: "\(path)/enum/\(newCase.name)", old: Hex.string(oldCase.value), new: Hex.string(newCase.value),
                    at: oldCase.source["value"], newCase.source["value"])
            }
            compareDescriptions(
                oldCase.description, newCase.description, "enum value '\(newCase.name)' of \(what)", path: "\(path)/enum/\(newCase.name)",
                at: oldCase.source.element, newCase.source.element)
        }
    }

    /// A field that became (or stopped being) a flag set changes type; flags are compared by
    /// name and bit, like enum values.
    mutating func compareFlags(_ o: FieldSpec, _ n: FieldSpec, what: String, path: String) {
        switch (o.flags.isEmpty, n.flags.isEmpty) {
        case (true, true):
            return
        case (true, false):
            report(.fieldBecameFlags, "\(what) became a set of flags: its Swift type changes", path: path, at: o.source.element, n.source["flags"])
            return
        case (false, true):
            report(.fieldFlagsRemoved, "\(what) is no longer a set of flags: its Swift type changes", path: path, at: o.source["flags"], n.source.element)
            return
        case (false, false):
            break
        }
        let flags = Matching(old: o.flags, new: n.flags, name: \.name, place: \.value)
        for flag in flags.removed {
            report(
                .flagRemoved, "flag '\(flag.name)' (bit \(flag.value)) of \(what) was removed", path: "\(path)/flags/\(flag.name)",
                old: flag.name, at: flag.source.element, n.source["flags"])
        }
        for flag in flags.added {
            report(
                .flagAdded, "flag '\(flag.name)' (bit \(flag.value)) was added to \(what)", path: "\(path)/flags/\(flag.name)",
                new: flag.name, at: o.source["flags"], flag.source.element)
        }
        for (oldFlag, newFlag, renamed) in flags.pairs {
            if renamed {
                report(
                    .flagRenamed, "flag bit \(newFlag.value) of \(what) was renamed from '\(oldFlag.name)' to '\(newFlag.name)'",
                    path: "\(path)/flags/\(newFlag.name)", old: oldFlag.name, new: newFlag.name, at: oldFlag.source.element, newFlag.source.element)
            } else if oldFlag.value != newFlag.value {
                report(
                    .flagMoved, "flag '\(newFlag.name)' of \(what) moved from bit \(oldFlag.value) to bit \(newFlag.value)",
                    path: "\(path)/flags/\(newFlag.name)", old: "\(oldFlag.value)", new: "\(newFlag.value)", at: oldFlag.source.element, newFlag.source.element)
            }
        }
    }
}
