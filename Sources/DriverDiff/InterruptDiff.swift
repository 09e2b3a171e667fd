import DriverSpec

extension DeviceComparison {
    mutating func compareInterrupts() {
        compareInterruptLines()
        switch (old.interrupts, new.interrupts) {
        case (nil, nil):
            return
        case (nil, let added?):
            report(.interruptsAdded, "the device now has \(added.kind == .msi ? "MSI" : "MSI-X") interrupts", path: "interrupts", at: nil, added.source.element)
        case (let removed?, nil):
            report(.interruptsRemoved, "the device no longer has interrupts: its handlers go away", path: "interrupts", at: removed.source.element)
        case (let o?, let n?):
            compareConfigurations(o, n)
        }
    }

    private mutating func compareConfigurations(_ o: InterruptConfiguration, _ n: InterruptConfiguration) {
        compare(o.kind, n.kind, .interruptKindChanged, "the interrupt kind", path: "interrupts/kind", at: o.source["kind"], n.source["kind"]) { $0.rawValue }
        if o.vectors != n.vectors {
            report(
                n.vectors < o.vectors ? .interruptVectorsReduced : .interruptVectorsIncreased,
                "the vector count changed from \(o.vectors) to \(n.vectors)", path: "interrupts/vectors",
                old: "\(o.vectors)", new: "\(n.vectors)", at: o.source["vectors"], n.source["vectors"])
        }
        compare(
            o.isOptional, n.isOptional, .interruptsOptionalityChanged, "whether interrupts are optional", path: "interrupts/optional",
            at: o.source["optional"], n.source["optional"]
        ) { $0 ? "optional" : "required" }
        let describe = { (place: MSIXStructureLocation?) in place.map { "BAR \($0.bar) + \(Hex.string($0.offset))" } ?? "none" }
        compare(
            describe(o.msixTable), describe(n.msixTable), .msixStructureMoved, "the MSI-X table", path: "interrupts/table",
            at: o.source["table"], n.source["table"]
        ) { $0 }
        compare(
            describe(MSIXLayout.pba(of: o)), describe(MSIXLayout.pba(of: n)), .msixStructureMoved, "the MSI-X pending-bit array", path: "interrupts/pba",
            at: o.source["pba"], n.source["pba"]
        ) { $0 }
        let sources = Matching(old: o.sources, new: n.sources, name: \.name, place: { "\($0.vector)/\($0.status?.description ?? "")" })
        for source in sources.removed {
            report(
                .interruptSourceRemoved, "interrupt source '\(source.name)' was removed: its handler goes away", path: "interrupts/sources/\(source.name)",
                old: source.name, at: source.source.element)
        }
        for source in sources.added {
            report(
                .interruptSourceAdded, "interrupt source '\(source.name)' was added on vector \(source.vector)", path: "interrupts/sources/\(source.name)",
                new: source.name, at: nil, source.source.element)
        }
        for (os, ns, renamed) in sources.pairs {
            let path = "interrupts/sources/\(ns.name)"
            if renamed {
                report(
                    .interruptSourceRenamed, "interrupt source '\(os.name)' was renamed to '\(ns.name)': its handler method changes name", path: path,
                    old: os.name, new: ns.name, at: os.source["name"], ns.source["name"])
            }
            compare(
                os.vector, ns.vector, .interruptSourceVectorChanged, "the vector of interrupt source '\(ns.name)'", path: path,
                at: os.source["vector"], ns.source["vector"]
            ) { "\($0)" }
            for (key, before, after) in [
                ("status", os.status, ns.status), ("acknowledge", os.acknowledge, ns.acknowledge), ("enable", os.enable, ns.enable),
                ("mask", os.mask, ns.mask),
            ] {
                compare(
                    before?.description ?? "none", after?.description ?? "none", .interruptSourceRegistersChanged,
                    "'\(key)' of interrupt source '\(ns.name)'", path: path, at: os.source[key], ns.source[key]
                ) { $0 }
            }
            compareDescriptions(os.description, ns.description, "interrupt source '\(ns.name)'", path: path, at: os.source["description"], ns.source["description"])
        }
    }

    /// A microcontroller's interrupt lines, matched by name: each is a handler and a vector.
    private mutating func compareInterruptLines() {
        let oldLines = old.microcontroller?.interrupts ?? [], newLines = new.microcontroller?.interrupts ?? []
        for line in oldLines where !newLines.contains(where: { $0.name == line.name }) {
            report(
                .interruptLineRemoved, "interrupt '\(line.name)' (\(line.number)) was removed: its handler goes away",
                path: "interrupts/\(line.name)", old: line.name, at: line.source.element)
        }
        for line in newLines where !oldLines.contains(where: { $0.name == line.name }) {
            report(
                .interruptLineAdded, "interrupt '\(line.name)' (\(line.number)) was added: it needs a handler",
                path: "interrupts/\(line.name)", new: line.name, at: nil, line.source.element)
        }
        for o in oldLines {
            guard let n = newLines.first(where: { $0.name == o.name }) else { continue }
            compare(
                o.number, n.number, .interruptLineRenumbered, "the number of interrupt '\(n.name)'", path: "interrupts/\(n.name)",
                at: o.source["number"], n.source["number"]
            ) { "\($0)" }
        }
    }
}
