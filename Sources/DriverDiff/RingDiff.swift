import DriverSpec

extension DeviceComparison {
    /// Matches rings by name (or, for renames, by entry and doorbell). A ring that holds other
    /// entries, changes hands, rings another register or tells new entries differently is
    /// breaking; so is an entry count the device no longer takes.
    mutating func compareRings() {
        let rings = Matching(old: old.rings, new: new.rings, name: \.name, place: { "\($0.entry)@\($0.doorbell)" })
        for ring in rings.removed {
            report(.ringRemoved, "ring '\(ring.name)' was removed", path: "rings/\(ring.name)", old: ring.name, at: ring.source.element)
        }
        for ring in rings.added {
            report(
                .ringAdded, "ring '\(ring.name)' of '\(ring.entry)' entries was added", path: "rings/\(ring.name)",
                new: ring.name, at: nil, ring.source.element)
        }
        for (o, n, renamed) in rings.pairs {
            compareRing(o, n, renamed: renamed)
        }
    }

    private mutating func compareRing(_ o: RingSpec, _ n: RingSpec, renamed: Bool) {
        let path = "rings/\(n.name)"
        let what = "ring '\(n.name)'"
        if renamed {
            report(
                .ringRenamed, "ring '\(o.name)' was renamed to '\(n.name)': its Swift type is renamed", path: path,
                old: o.name, new: n.name, at: o.source["name"], n.source["name"])
        }
        compare(
            o.entry, n.entry, .ringEntryChanged, "the entry structure of \(what)", path: path,
            at: o.source["entry"], n.source["entry"], quoted: true
        ) { $0 }
        if let oldEntry = old.structure(named: o.entry), let newEntry = new.structure(named: n.entry), oldEntry.size != newEntry.size {
            report(
                .ringEntryResized, "the entries of \(what) changed from \(oldEntry.size) to \(newEntry.size) bytes: the ring's memory is laid out anew",
                path: path, old: "\(oldEntry.size)", new: "\(newEntry.size)", at: oldEntry.source["size"], newEntry.source["size"])
        }
        compare(o.role, n.role, .ringRoleChanged, "the role of \(what)", path: path, at: o.source["role"], n.source["role"]) { $0.rawValue }
        compare(
            o.doorbell, n.doorbell, .ringRegistersChanged, "the doorbell of \(what)", path: path,
            at: o.source["doorbell"], n.source["doorbell"], quoted: true
        ) { $0 }
        compare(
            o.deviceIndex ?? "none", n.deviceIndex ?? "none", .ringRegistersChanged, "the device index of \(what)", path: path,
            at: o.source.element, n.source.element, quoted: true
        ) { $0 }
        compare(
            o.readiness.map(Self.readiness) ?? "none", n.readiness.map(Self.readiness) ?? "none", .ringReadinessChanged,
            "how \(what) tells a new entry", path: path, at: o.source.element, n.source.element
        ) { $0 }
        compareEntryCounts(o, n, what: what, path: path)
        compareDescriptions(o.description, n.description, what, path: path, at: o.source["description"], n.source["description"])
    }

    private mutating func compareEntryCounts(_ o: RingSpec, _ n: RingSpec, what: String, path: String) {
        guard o.entries != n.entries else { return }
        let before = Self.counts(o.entries), after = Self.counts(n.entries)
        let narrowed =
            n.entries.minimum > o.entries.minimum || n.entries.maximum < o.entries.maximum
            || (n.entries.powerOfTwo && !o.entries.powerOfTwo) || o.entries.multipleOf % n.entries.multipleOf != 0
        report(
            narrowed ? .ringEntryCountNarrowed : .ringEntryCountWidened,
            "the entry counts of \(what) changed from \(before) to \(after)" + (narrowed ? ": a count that was accepted may now be refused" : ""),
            path: path, old: before, new: after, at: o.source["entries"], n.source["entries"])
    }

    private static func counts(_ rule: EntryCountRule) -> String {
        var text = "\(rule.minimum)...\(rule.maximum)"
        if rule.powerOfTwo { text += ", power of two" }
        if rule.multipleOf > 1 { text += ", multiple of \(rule.multipleOf)" }
        return text
    }

    private static func readiness(_ readiness: RingSpec.Readiness) -> String {
        switch readiness {
        case .phase(let field): "phase tag '\(field)'"
        case .done(let field): "done bit '\(field)'"
        }
    }
}
