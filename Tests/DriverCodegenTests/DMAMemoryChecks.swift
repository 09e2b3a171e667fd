import DriverSpec

/// Swift that checks a spec's generated structures and rings from the spec model, independently
/// of how the generator lays them out: setting each field through its typed accessor changes
/// exactly the bytes the spec places it in, in the structure's byte order, and reads back; each
/// structure goes through a `DMABuffer` unchanged; producer rings fill entries and ring their
/// doorbell with the tail; consumer rings take ready entries only, and phase-tag rings wrap.
///
/// The statements use the harness's `expect`, `expectBytes` and `makeBuffer`.
enum DMAMemoryChecks {
    /// A function `checkDMA<Name>()` for `spec`, and the call to it; nil when the spec has
    /// neither structures nor rings.
    static func function(for spec: DeviceSpec) -> (declaration: String, call: String)? {
        guard !spec.structures.isEmpty || !spec.rings.isEmpty else { return nil }
        var body: [String] = []
        let sizes = Dictionary(spec.structures.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
        for structure in spec.structures {
            body += structureChecks(structure, spec: spec, sizes: sizes)
        }
        for ring in spec.rings {
            body += ringChecks(ring, spec: spec)
        }
        let name = "checkDMA\(spec.name)"
        let declaration = "func \(name)() throws {\n" + body.map { "    " + $0 }.joined(separator: "\n") + "\n}\n"
        return (declaration, "try \(name)()")
    }

    static func typeName(_ structure: String, in spec: DeviceSpec) -> String {
        "\(spec.name).`\(GeneratedNames.structureType(structure))`"
    }

    static func member(_ name: String) -> String { "`\(GeneratedNames.structureField(name))`" }

    // MARK: Structures

    private static func structureChecks(_ structure: StructureSpec, spec: DeviceSpec, sizes: [String: Int]) -> [String] {
        let type = typeName(structure.name, in: spec)
        var lines = [
            "expect(\(type).size == \(structure.size), \"\(structure.name): size\")",
            "expect(\(type)() == \(type)(copying: []), \"\(structure.name): zero\")",
            // Through DMA memory at an index and at a byte offset, unchanged.
            "do {",
            "    let pattern = \(type)(copying: (0..<\(structure.size)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })",
            "    let buffer = makeBuffer(\(structure.size * 3))",
            "    buffer.store(pattern, at: 2)",
            "    expect(buffer.load(\(type).self, at: 2) == pattern, \"\(structure.name): through a DMABuffer at an index\")",
            "    expect(buffer.load(\(type).self, atByteOffset: \(structure.size * 2)) == pattern, \"\(structure.name): at a byte offset\")",
            "}",
        ]
        for (view, field) in structure.allFields {
            lines += fieldCheck(field, view: view, in: structure, spec: spec, sizes: sizes)
        }
        return lines
    }

    /// Sets one field (the last element of an array) in a zero structure and checks every byte.
    private static func fieldCheck(
        _ field: StructureFieldSpec, view: String?, in structure: StructureSpec, spec: DeviceSpec, sizes: [String: Int]
    ) -> [String] {
        let type = typeName(structure.name, in: spec)
        let what = "\(structure.name).\(view.map { "\($0)." } ?? "")\(field.name)"
        guard let elementSize = field.elementSize(structures: sizes) else { return [] }
        let element = (field.count ?? 1) - 1
        let start = field.offset + element * (field.stride ?? elementSize)
        let owner = view.map { "value.\(member($0))" } ?? "value"
        let access = field.count == nil ? "\(owner).\(member(field.name))" : "\(owner)[\(GeneratedNames.structureField(field.name)): \(element)]"
        var expected = [Int: UInt8]()
        let assignment: String
        let readBack: String
        switch field.kind {
        case .integer(let width, let bits):
            let raw = pattern(bits: bits.width, seed: field.offset &* 31 &+ field.name.utf8.count)
            let swiftValue: String
            if !field.enumeration.isEmpty || !field.flags.isEmpty {
                swiftValue = ".init(rawValue: \(raw))"
            } else if bits.width == 1 {
                swiftValue = "true"
            } else {
                swiftValue = "\(raw)"
            }
            assignment = "\(access) = \(swiftValue)"
            readBack = "\(access) == \(swiftValue)"
            let unit = raw << UInt64(bits.lsb)
            for byte in 0..<width / 8 {
                let shift = structure.byteOrder == .big ? (width / 8 - 1 - byte) * 8 : byte * 8
                expected[start + byte] = UInt8(truncatingIfNeeded: unit >> UInt64(shift))
            }
        case .bytes(let count):
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: 0xA0 &+ $0) }
            assignment = "\(access) = \(bytes)"
            readBack = "\(access) == \(bytes)"
            for (index, byte) in bytes.enumerated() { expected[start + index] = byte }
        case .string(let length, let padding):
            let text = String("DriverGen".prefix(length - 1))
            assignment = "\(access) = \"\(text)\""
            readBack = "\(access) == \"\(text)\""
            for (index, byte) in Array(text.utf8).enumerated() { expected[start + index] = byte }
            for index in text.utf8.count..<length where padding == .space { expected[start + index] = 0x20 }
        case .structure(let nested):
            let nestedType = typeName(nested, in: spec)
            let bytes = (0..<elementSize).map { UInt8(truncatingIfNeeded: 0x51 &+ $0 &* 3) }
            assignment = "\(access) = \(nestedType)(copying: \(bytes))"
            readBack = "\(access) == \(nestedType)(copying: \(bytes))"
            for (index, byte) in bytes.enumerated() { expected[start + index] = byte }
        }
        let literal = "[" + expected.keys.sorted().map { "\($0): \(expected[$0]!)" }.joined(separator: ", ") + "]"
        return [
            "do {",
            "    var value = \(type)()",
            "    \(assignment)",
            "    expectBytes(value.bytes.bytes(at: 0, count: \(structure.size)), \(expected.isEmpty ? "[:]" : literal), \"\(what)\")",
            "    expect(\(readBack), \"\(what) reads back\")",
            "}",
        ]
    }

    /// A nonzero value of `bits` bits that differs from field to field.
    private static func pattern(bits: Int, seed: Int) -> UInt64 {
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let value = (0x9E37_79B9_7F4A_7C15 &* UInt64(seed + 1)) & mask
        return value == 0 ? 1 : value
    }

    // MARK: Rings

    private static func ringChecks(_ ring: RingSpec, spec: DeviceSpec) -> [String] {
        guard let doorbell = spec.register(named: ring.doorbell),
            let bar = spec.bars.first(where: { $0.registers.contains { $0.name == doorbell.name } })
        else { return [] }
        let ringType = "\(spec.name).`\(GeneratedNames.structureType(ring.name))`"
        let entryType = typeName(ring.entry, in: spec)
        let block = "\(spec.name).`\(GeneratedNames.barBlockType(bar.name))`"
        let rule = ring.entries
        let count = rule.powerOfTwo || rule.multipleOf > 1 ? max(8, rule.minimum) : min(5, rule.maximum)
        let queue = doorbell.array == nil ? 0 : 1
        let queueArgument = doorbell.array == nil ? "" : "queue: \(queue), "
        let doorbellOffset = doorbell.elementOffsets[queue]
        var lines = [
            "do {",
            "    let bus = InMemoryBus(size: \(bar.size))",
            "    let buffer = makeBuffer(\(count) * \(entryType).size)",
            "    var ring = try \(ringType)(\(queueArgument)buffer: buffer, count: \(count), registers: \(block)(bus: bus))",
        ]
        if ring.role == .producer {
            lines += [
                "    for slot in 0..<\(count - 1) {",
                "        let entry = \(entryType)(copying: Array(repeating: UInt8(slot + 1), count: \(entryType).size))",
                "        _ = try ring.push { $0 = entry }",
                "    }",
                "    expect(ring.isFull && ring.inFlight == \(count - 1), \"\(ring.name): full after \(count - 1) entries\")",
                "    expect((try? ring.push { _ in }) == nil, \"\(ring.name): a full ring refuses another entry\")",
                "    for slot in 0..<\(count - 1) {",
                "        expect(buffer.load(\(entryType).self, at: slot) == \(entryType)(copying: Array(repeating: UInt8(slot + 1), count: \(entryType).size)), \"\(ring.name): entry \\(slot) in DMA memory\")",
                "    }",
                "    bus.clearAccesses()",
                "    ring.ringDoorbell()",
                "    expect(written(bus, at: \(doorbellOffset)) == \(count - 1), \"\(ring.name): doorbell \(doorbell.name) got the tail: \\(bus.writes)\")",
            ]
            if let name = ring.deviceIndex, let index = spec.register(named: name) {
                lines += [
                    "    bus.poke(UInt\(index.width)(3), at: \(Int(index.offset)))",
                    "    expect(ring.updateFromDevice() && ring.head == 3 && ring.inFlight == \(count - 4), \"\(ring.name): head from \(name)\")",
                ]
            } else {
                lines += [
                    "    ring.deviceConsumed(upTo: 2)",
                    "    expect(ring.inFlight == \(count - 3) && !ring.isFull, \"\(ring.name): two entries given back\")",
                ]
            }
            // A batch fills the free slots from the tail, across the wrap, or nothing when too big.
            lines += [
                "    let free = \(count - 1) - ring.inFlight",
                "    expect((try? ring.push(free + 1) { _, _ in }) == nil && ring.tail == \(count - 1), \"\(ring.name): a batch larger than the free slots is refused whole\")",
                "    let first = try ring.push(free) { entry, position in entry = \(entryType)(copying: Array(repeating: UInt8(0xA0 + position), count: \(entryType).size)) }",
                "    expect(first == \(count - 1) && ring.isFull, \"\(ring.name): the batch starts at the tail and fills the ring\")",
                "    for position in 0..<free {",
                "        expect(buffer.load(\(entryType).self, at: (first + position) % \(count)) == \(entryType)(copying: Array(repeating: UInt8(0xA0 + position), count: \(entryType).size)), \"\(ring.name): batch entry \\(position)\")",
                "    }",
            ]
        } else if let readiness = ring.readiness {
            let path = readiness.field.split(separator: ".").map { member(String($0)) }.joined(separator: ".")
            lines += [
                "    expect(ring.next() == nil, \"\(ring.name): zeroed memory holds no entry\")",
                "    var ready = \(entryType)()",
                "    ready.\(path) = true",
                "    buffer.store(ready, at: 0)",
                "    expect(ring.next() == ready, \"\(ring.name): a ready entry is taken\")",
                "    expect(ring.next() == nil, \"\(ring.name): the next one is not ready\")",
                "    bus.clearAccesses()",
                "    ring.ringDoorbell()",
                "    expect(written(bus, at: \(doorbellOffset)) == 1, \"\(ring.name): doorbell \(doorbell.name) got the head: \\(bus.writes)\")",
            ]
            // takeReady drains what is ready, in order, and stops at the first entry that is not.
            let drained = count >= 4 ? 2 : 0
            if drained > 0 {
                lines += [
                    "    buffer.store(ready, at: 1)",
                    "    buffer.store(ready, at: 2)",
                    "    var drained: [Int] = []",
                    "    let taken = ring.takeReady { entry, slot in if entry == ready { drained.append(slot) } }",
                    "    expect(taken == 2 && drained == [1, 2] && ring.head == 3, \"\(ring.name): takeReady drains slots 1 and 2 and stops: \\(taken) \\(drained) head \\(ring.head)\")",
                ]
            }
            if case .phase = readiness {
                lines += [
                    "    for slot in \(1 + drained)..<\(count) { buffer.store(ready, at: slot) }",
                    "    for slot in \(1 + drained)..<\(count) { expect(ring.next() != nil, \"\(ring.name): entry \\(slot) of the first pass\") }",
                    "    expect(ring.head == 0 && !ring.phase && ring.next() == nil, \"\(ring.name): after the wrap, last pass's entries are old\")",
                    "    ready.\(path) = false",
                    "    buffer.store(ready, at: 0)",
                    "    expect(ring.next() == ready, \"\(ring.name): the second pass's entry has the flipped phase\")",
                ]
            }
        }
        if rule.powerOfTwo || rule.multipleOf > 1 {
            lines.append("    expect((try? \(ringType)(\(queueArgument)buffer: buffer, count: 6, registers: \(block)(bus: bus))) == nil, \"\(ring.name): 6 entries refused\")")
        }
        lines.append("}")
        return lines
    }
}
