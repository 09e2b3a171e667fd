extension SpecValidator {
    func checkInterrupts() {
        guard let interrupts = spec.interrupts else { return }
        let kind = interrupts.kind
        let vectorsLocation = interrupts.source["vectors"]
        if interrupts.vectors < 1 || interrupts.vectors > kind.maximumVectors {
            sink.error(vectorsLocation, "\(kind == .msi ? "MSI" : "MSI-X") supports 1...\(kind.maximumVectors) vectors, not \(interrupts.vectors)")
        } else if kind == .msi && interrupts.vectors & (interrupts.vectors - 1) != 0 {
            let next = 1 << (Int.bitWidth - (interrupts.vectors - 1).leadingZeroBitCount)
            sink.error(vectorsLocation, "MSI vector counts are powers of two; \(interrupts.vectors) is not", hint: "use \(next)")
        }
        checkMSIXStructures(interrupts)
        var sourcesPerVector: [Int: [InterruptSource]] = [:]
        for source in interrupts.sources {
            if source.vector >= interrupts.vectors {
                sink.error(
                    source.source["vector"], "interrupt source '\(source.name)' uses vector \(source.vector), but there are \(interrupts.vectors) (0...\(interrupts.vectors - 1))")
            }
            sourcesPerVector[source.vector, default: []].append(source)
            checkReferences(of: source)
        }
        for (vector, sources) in sourcesPerVector.sorted(by: { $0.key < $1.key }) where sources.count > 1 {
            for source in sources where source.status == nil {
                sink.error(
                    source.source.element,
                    "interrupt source '\(source.name)' shares vector \(vector) with '\(sources.first { $0.name != source.name }?.name ?? "")' and needs 'status' to tell them apart"
                )
            }
        }
        let vectorCountIsValid = (1...kind.maximumVectors).contains(interrupts.vectors)
        if interrupts.sources.isEmpty {
            sink.warning(interrupts.source.element, "no interrupt sources: interrupts reach no handler", hint: "list the device's interrupt causes under 'sources'")
        } else if vectorCountIsValid {
            let unused = (0..<interrupts.vectors).filter { sourcesPerVector[$0] == nil }
            if !unused.isEmpty {
                let plural = unused.count > 1
                sink.warning(
                    vectorsLocation,
                    "vector\(plural ? "s" : "") \(Self.describeRanges(unused)) \(plural ? "have" : "has") no interrupt source; \(plural ? "their" : "its") interrupts reach no handler",
                    hint: "add a source with 'vector: \(unused[0])'")
            }
        }
    }

    /// `1, 3...7, 9` for a sorted list of numbers.
    static func describeRanges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end - index >= 2 ? "\(numbers[index])...\(numbers[end])" : (index...end).map { String(numbers[$0]) }.joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    private func checkMSIXStructures(_ interrupts: InterruptConfiguration) {
        switch interrupts.kind {
        case .msi:
            for key in ["table", "pba"] where interrupts.source.wrote(key) {
                sink.error(interrupts.source[key], "'\(key)' applies to MSI-X only", hint: "remove it, or use 'kind: msix'")
            }
        case .msix:
            for key in ["per-vector-masking", "address-64-bit"] where interrupts.source.wrote(key) {
                sink.error(interrupts.source[key], "'\(key)' applies to MSI only", hint: "MSI-X entries are always 64-bit and maskable")
            }
            guard let table = interrupts.msixTable else {
                sink.error(interrupts.source.element, "MSI-X needs 'table': the BAR and offset of the MSI-X table", hint: "e.g. 'table: { bar: 0, offset: 0x2000 }'")
                return
            }
            for (key, structure) in [("table", table), ("pba", MSIXLayout.pba(of: interrupts))] {
                guard let structure else { continue }
                let location = interrupts.source.wrote(key) ? interrupts.source[key] : interrupts.source["table"]
                if !spec.bars.contains(where: { $0.index == structure.bar }) {
                    sink.error(location, "the MSI-X \(key == "table" ? "table" : "pending-bit array") is in BAR \(structure.bar), which the spec does not describe")
                }
                if structure.offset % 8 != 0 {
                    sink.error(location, "the MSI-X \(key == "table" ? "table" : "pending-bit array") offset \(Hex.string(structure.offset)) is not 8-byte aligned")
                }
            }
        }
    }

    /// A source's `enable` or `mask` must name a field the driver can both set and clear.
    private func checkSwitch(of source: InterruptSource, key: String, field: FieldSpec?, at location: SourceLocation) {
        guard field != nil else {
            sink.error(location, "'\(key)' of interrupt source '\(source.name)' names a whole register", hint: "name the field (or the bit: 'register.field[3]')")
            return
        }
        if case .failure(let problem)? = SourceSwitch.of(source, in: spec) {
            sink.error(
                location, "'\(key)' of interrupt source '\(source.name)' names '\(problem.reference)', which \(problem.message)",
                hint: "name a read-write field, or a write-1-to-set field whose register has a write-1-to-clear alias (or the reverse)")
        }
    }

    /// Status must be readable, acknowledge writable, enable readable and writable (rules 5 and 8).
    private func checkReferences(of source: InterruptSource) {
        let checks: [(key: String, reference: FieldReference?, needsRead: Bool, needsWrite: Bool)] = [
            ("status", source.status, true, false),
            ("acknowledge", source.acknowledge, false, true),
            ("enable", source.enable, false, false),
            ("mask", source.mask, false, false),
        ]
        for check in checks {
            guard let reference = check.reference else { continue }
            let location = source.source[check.key]
            guard let (register, field) = resolve(reference, at: location) else { continue }
            if register.array != nil {
                sink.error(location, "'\(check.key)' of '\(source.name)' names the register array '\(register.name)'", hint: "interrupt registers must be single registers")
                continue
            }
            if let bit = reference.bit, let field, bit >= field.bits.width {
                sink.error(
                    location, "'\(reference)' names bit \(bit) of the \(field.bits.width)-bit field '\(field.name)'",
                    hint: "count bits from the field's lowest, 0...\(field.bits.width - 1)")
                continue
            }
            if check.key == "enable" || check.key == "mask" {
                checkSwitch(of: source, key: check.key, field: field, at: location)
                continue
            }
            let readable = field?.access.isReadable ?? register.isReadable
            let writable = field?.access.isWritable ?? register.isWritable
            let kinds = field.map { [$0.access] } ?? register.fields.map(\.access)
            let usable: Set<AccessKind> = check.key == "acknowledge" ? [.rw, .wo, .w1, .rw1, .w1c, .rcW1c, .w0c] : check.key == "enable" ? [.rw, .rw1] : Set(AccessKind.allCases)
            if readable || !check.needsRead, writable || !check.needsWrite, let kind = kinds.first(where: { !usable.contains($0) }) {
                sink.error(
                    location, "'\(check.key)' of interrupt source '\(source.name)' names '\(reference)', which is \(kind.rawValue) (\(kind.summary))",
                    hint: "\(check.key) needs a field that is \(usable.map(\.rawValue).sorted().joined(separator: ", "))")
                continue
            }
            if check.needsRead && !readable {
                sink.error(location, "'\(check.key)' of interrupt source '\(source.name)' names '\(reference)', which cannot be read")
            }
            if check.needsWrite && !writable {
                sink.error(location, "'\(check.key)' of interrupt source '\(source.name)' names '\(reference)', which cannot be written")
            }
        }
    }
}
