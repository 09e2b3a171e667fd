/// Rules for `rings:`: the entry structure and the registers exist, the entry-count rule can be
/// met, and the field that tells a new entry from an old one is a 1-bit field of the entry.
extension SpecValidator {
    func checkRings() {
        for ring in spec.rings { checkRing(ring) }
    }

    private func checkRing(_ ring: RingSpec) {
        let entry = spec.structure(named: ring.entry)
        if entry == nil, !brokenNames.contains(ring.entry) {
            sink.error(
                ring.source["entry"], "ring '\(ring.name)' holds structure '\(ring.entry)', which the spec does not describe",
                hint: Suggestions.didYouMean(ring.entry, in: spec.structures.map(\.name)) ?? "add it to 'structures'")
        }
        for (key, name) in [("doorbell", ring.doorbell), ("device-index", ring.deviceIndex)] {
            guard let name, spec.register(named: name) == nil, !brokenNames.contains(name) else { continue }
            sink.error(
                ring.source[key], "ring '\(ring.name)' names register '\(name)' as its \(key == "doorbell" ? "doorbell" : "device index"), which does not exist",
                hint: Suggestions.didYouMean(name, in: spec.allRegisters.map(\.name)) ?? "name a register of a BAR")
        }
        if let register = spec.register(named: ring.doorbell), !register.isWritable {
            sink.error(
                ring.source["doorbell"], "ring '\(ring.name)' rings register '\(register.name)', which is \(register.access.rawValue) (\(register.access.summary))",
                hint: "the doorbell is where the driver writes its index: a writable register")
        }
        checkRegisterPlaces(ring)
        checkEntryCount(ring)
        checkReadiness(ring, entry: entry)
    }

    /// The ring's registers are reached through one BAR's register block; a device index that
    /// is an array is indexed by the queue number, which only a doorbell array has.
    private func checkRegisterPlaces(_ ring: RingSpec) {
        func bar(of name: String) -> BarSpec? { spec.bars.first { $0.registers.contains { $0.name == name } } }
        guard let doorbell = spec.register(named: ring.doorbell) else { return }
        guard let doorbellBar = bar(of: doorbell.name) else {
            sink.error(
                ring.source["doorbell"], "ring '\(ring.name)' rings configuration register '\(doorbell.name)'",
                hint: "a doorbell is a register of a BAR")
            return
        }
        guard let name = ring.deviceIndex, let index = spec.register(named: name) else { return }
        if bar(of: index.name)?.index != doorbellBar.index {
            sink.error(
                ring.source["device-index"], "ring '\(ring.name)' reads its device index from '\(index.name)', outside BAR '\(doorbellBar.name)' of its doorbell",
                hint: "name a register of the doorbell's BAR")
        } else if !index.isReadable {
            sink.error(
                ring.source["device-index"], "ring '\(ring.name)' reads its device index from '\(index.name)', which cannot be read",
                hint: "the device index is where the driver reads how far the device has got: a readable register")
        } else if index.array != nil && doorbell.array == nil {
            sink.error(
                ring.source["device-index"], "ring '\(ring.name)' reads its device index from array '\(index.name)', but its doorbell is a single register",
                hint: "make both arrays (one element per queue), or both single registers")
        }
    }

    private func checkEntryCount(_ ring: RingSpec) {
        let rule = ring.entries
        if rule.powerOfTwo && rule.maximum & (rule.maximum - 1) != 0 {
            sink.error(
                ring.source["entries"], "ring '\(ring.name)' must have a power-of-two entry count, but its 'max' \(rule.maximum) is not one",
                hint: "give the largest power of two it allows")
        }
        if rule.multipleOf > 1 && rule.maximum % rule.multipleOf != 0 && rule.maximum >= rule.multipleOf {
            sink.error(ring.source["entries"], "ring '\(ring.name)' holds a multiple of \(rule.multipleOf) entries, but its 'max' \(rule.maximum) is not one")
        }
        if rule.multipleOf > rule.maximum {
            sink.error(ring.source["entries"], "no entry count of ring '\(ring.name)' is a multiple of \(rule.multipleOf) and at most \(rule.maximum)")
        }
    }

    private func checkReadiness(_ ring: RingSpec, entry: StructureSpec?) {
        guard let readiness = ring.readiness else {
            if ring.role == .consumer {
                sink.error(
                    ring.source.element, "consumer ring '\(ring.name)' does not say how a new entry is told from an old one",
                    hint: "add 'ready: { phase: field }' (a phase tag that flips each wrap) or 'ready: { done: field }'")
            }
            return
        }
        if case .phase = readiness, ring.role == .producer {
            sink.error(
                ring.source["ready"], "producer ring '\(ring.name)' has a phase tag",
                hint: "the driver writes a producer ring's entries; a phase tag belongs to a ring the device writes (role: consumer)")
        }
        guard let entry else { return }
        guard let field = entry.field(at: readiness.field) else {
            sink.error(
                ring.source["ready"], "ring '\(ring.name)' reads field '\(readiness.field)', which structure '\(entry.name)' does not have",
                hint: Suggestions.didYouMean(
                    readiness.field, in: entry.allFields.map { $0.view.map { v in "\(v)." } ?? "" }.enumerated().map { $1 + entry.allFields[$0].field.name })
                    ?? "name a 1-bit field of the entry, 'view.field' for a field of a view")
            return
        }
        if field.bits?.width != 1 || field.count != nil {
            sink.error(
                ring.source["ready"], "ring '\(ring.name)' reads field '\(readiness.field)', which is not a single bit",
                hint: "a phase tag or a done bit is one bit of the entry")
        }
    }
}
