import DriverSpec

extension DeviceComparison {
    /// Matches BARs, then every register of the device by name (or by place for renames),
    /// where a register's place is its container (config space or a matched BAR) and offset.
    mutating func compareBarsAndRegisters() {
        let bars = Matching(old: old.bars, new: new.bars, name: \.name, place: \.index)
        var oldContainer: [Int: String] = [:], newContainer: [Int: String] = [:]
        for bar in bars.removed {
            report(.barRemoved, "BAR \(bar.index) '\(bar.name)' was removed", path: "bars/\(bar.name)", old: bar.name, at: bar.source.element)
        }
        for bar in bars.added {
            report(.barAdded, "BAR \(bar.index) '\(bar.name)' was added", path: "bars/\(bar.name)", new: bar.name, at: nil, bar.source.element)
        }
        for (oldBar, newBar, renamed) in bars.pairs {
            oldContainer[oldBar.index] = "bar:\(newBar.name)"
            newContainer[newBar.index] = "bar:\(newBar.name)"
            compareBar(oldBar, newBar, renamed: renamed)
        }
        let containerOf = { (register: RegisterSpec, spec: DeviceSpec, map: [Int: String]) -> String in
            if spec.configRegisters.contains(where: { $0.name == register.name }) { return "config" }
            let bar = spec.bars.first { $0.registers.contains { $0.name == register.name } }
            return bar.flatMap { map[$0.index] } ?? "bar:\(bar?.name ?? "?")"
        }
        let oldSpec = old, newSpec = new
        let registers = Matching(
            old: old.allRegisters, new: new.allRegisters, name: \.name,
            oldPlace: { [oldContainer] in "\(containerOf($0, oldSpec, oldContainer))@\($0.offset)" },
            newPlace: { [newContainer] in "\(containerOf($0, newSpec, newContainer))@\($0.offset)" })
        for register in registers.removed {
            report(.registerRemoved, "register '\(register.name)' was removed", path: "registers/\(register.name)", old: register.name, at: register.source.element)
        }
        for register in registers.added {
            report(
                .registerAdded, "register '\(register.name)' was added at \(Hex.string(register.offset))", path: "registers/\(register.name)",
                new: register.name, at: nil, register.source.element)
        }
        for (oldRegister, newRegister, renamed) in registers.pairs {
            let moved = containerOf(oldRegister, old, oldContainer) != containerOf(newRegister, new, newContainer) || oldRegister.offset != newRegister.offset
            compareRegister(oldRegister, newRegister, renamed: renamed, moved: moved)
        }
    }

    /// A microcontroller's peripheral: its place in the spec means nothing, its address everything.
    private mutating func comparePeripheral(_ o: BarSpec, _ n: BarSpec, _ oldAddress: UInt64, _ newAddress: UInt64, renamed: Bool) {
        let path = "peripherals/\(n.name)"
        if renamed {
            report(.barRenamed, "peripheral '\(o.name)' was renamed to '\(n.name)'", path: path, old: o.name, new: n.name, at: o.source["name"], n.source["name"])
        }
        compare(
            oldAddress, newAddress, .peripheralMoved, "the base address of peripheral '\(n.name)'", path: path,
            at: o.source["base"], n.source["base"], show: Self.hex)
        compare(o.size, n.size, .barResized, "the size of peripheral '\(n.name)'", path: path, at: o.source["size"], n.source["size"], show: Self.hex)
    }

    private mutating func compareBar(_ o: BarSpec, _ n: BarSpec, renamed: Bool) {
        if let oldAddress = o.address, let newAddress = n.address { return comparePeripheral(o, n, oldAddress, newAddress, renamed: renamed) }
        let path = "bars/\(n.name)"
        if renamed {
            report(.barRenamed, "BAR \(n.index) was renamed from '\(o.name)' to '\(n.name)'", path: path, old: o.name, new: n.name, at: o.source["name"], n.source["name"])
        }
        compare(o.index, n.index, .barMoved, "the index of BAR '\(n.name)'", path: path, at: o.source["index"], n.source["index"]) { "\($0)" }
        let describe = { (bar: BarSpec) in "\(bar.kind.rawValue)\(bar.prefetchable ? " prefetchable" : "")" }
        compare(describe(o), describe(n), .barTypeChanged, "the type of BAR '\(n.name)'", path: path, at: o.source["type"], n.source["type"]) { $0 }
        compare(o.size, n.size, .barResized, "the size of BAR '\(n.name)'", path: path, at: o.source["size"], n.source["size"], show: Self.hex)
        compareDescriptions(o.description, n.description, "BAR '\(n.name)'", path: path, at: o.source["description"], n.source["description"])
    }

    private mutating func compareRegister(_ o: RegisterSpec, _ n: RegisterSpec, renamed: Bool, moved: Bool) {
        let path = "registers/\(n.name)"
        let what = "register '\(n.name)'"
        if renamed {
            report(
                .registerRenamed, "register '\(o.name)' at \(Hex.string(n.offset)) was renamed to '\(n.name)'", path: path,
                old: o.name, new: n.name, at: o.source["name"], n.source["name"])
        }
        if moved {
            report(
                .registerMoved, "\(what) moved from \(Hex.string(o.offset)) to \(Hex.string(n.offset))\(o.offset == n.offset ? " in another space" : "")",
                path: path, old: Hex.string(o.offset), new: Hex.string(n.offset), at: o.source["offset"], n.source["offset"])
        }
        compare(o.width, n.width, .registerWidthChanged, "the width of \(what)", path: path, at: o.source["width"], n.source["width"]) { "\($0) bits" }
        compareAlias(o, n, what: what, path: path)
        if o.isSplit && n.isSplit {
            compare(
                o.accessOrder, n.accessOrder, .accessOrderChanged, "the order of the parts of \(what)", path: path,
                at: o.source["access-order"], n.source["access-order"]
            ) { $0.rawValue }
        }
        let oldAccess = (o.isReadable, o.isWritable), newAccess = (n.isReadable, n.isWritable)
        if oldAccess != newAccess {
            let lost = (oldAccess.0 && !newAccess.0) || (oldAccess.1 && !newAccess.1)
            let describe = { (access: (Bool, Bool)) in access.0 && access.1 ? "read-write" : access.0 ? "read-only" : "write-only" }
            report(
                lost ? .registerAccessNarrowed : .registerAccessWidened,
                "\(what) became \(describe(newAccess)) (was \(describe(oldAccess)))", path: path,
                old: describe(oldAccess), new: describe(newAccess), at: o.source["access"], n.source["access"])
        }
        compareArrays(o, n, what: what, path: path)
        let lostWidths = o.accessWidths.filter { !n.accessWidths.contains($0) }
        let gainedWidths = n.accessWidths.filter { !o.accessWidths.contains($0) }
        if !lostWidths.isEmpty || !gainedWidths.isEmpty {
            let show = { (widths: [Int]) in widths.map(String.init).joined(separator: ", ") }
            report(
                lostWidths.isEmpty ? .accessWidthsWidened : .accessWidthsNarrowed,
                "the access widths of \(what) changed from [\(show(o.accessWidths))] to [\(show(n.accessWidths))]",
                path: path, old: show(o.accessWidths), new: show(n.accessWidths), at: o.source["access-widths"], n.source["access-widths"])
        }
        let describeEffect = { (effect: RegisterEffect?) in effect.map { "\($0.kind.rawValue) \($0.target)" } ?? "none" }
        compare(
            describeEffect(o.effect), describeEffect(n.effect), .registerEffectChanged, "the write effect of \(what)", path: path,
            at: o.source["effect"], n.source["effect"]
        ) { $0 }
        compareDescriptions(o.description, n.description, what, path: path, at: o.source["description"], n.source["description"])
        // An alias's fields are its target's: their changes are reported once, on the target.
        let fieldResetChanged = o.aliasOf == nil && n.aliasOf == nil ? compareFields(o, n, path: path) : false
        if o.reset != n.reset && !fieldResetChanged {
            report(
                .registerResetChanged, "the reset value of \(what) changed from \(Hex.string(o.reset)) to \(Hex.string(n.reset))", path: path,
                old: Hex.string(o.reset), new: Hex.string(n.reset), at: o.source["reset"], n.source["reset"])
        }
    }

    /// Which state an address shows, whether it can be read, and how an alias acts on it.
    private mutating func compareAlias(_ o: RegisterSpec, _ n: RegisterSpec, what: String, path: String) {
        let describe = { (register: RegisterSpec) -> String in
            guard let target = register.aliasOf else { return "not an alias" }
            return "an alias of '\(target)' (\(register.isWriteOnly ? "write-only, " : "")\(register.access.rawValue))"
        }
        compare(
            describe(o), describe(n), .registerAliasChanged, "\(what)", path: path,
            at: o.source["alias-of"], n.source["alias-of"]
        ) { $0 }
    }

    private mutating func compareArrays(_ o: RegisterSpec, _ n: RegisterSpec, what: String, path: String) {
        let describe = { (array: RegisterArray?) in array.map { "\($0.count) x \(Hex.string($0.stride))" } ?? "single" }
        guard o.array != n.array else { return }
        if let oldArray = o.array, let newArray = n.array, oldArray.stride == newArray.stride, newArray.count > oldArray.count {
            report(
                .registerArrayGrown, "\(what) grew from \(oldArray.count) to \(newArray.count) elements", path: path,
                old: "\(oldArray.count)", new: "\(newArray.count)", at: o.source["count"], n.source["count"])
        } else {
            report(
                .registerArrayChanged, "\(what) changed from \(describe(o.array)) to \(describe(n.array))", path: path,
                old: describe(o.array), new: describe(n.array), at: o.source["count"], n.source["count"])
        }
    }
}
