/// Random `structures:` and `rings:`: every kind of structure field, views over a region of the
/// bytes, reserved gaps, and rings of those structures on the spec's writable registers.
extension RandomSpec.Writer {
    /// A structure written so far: what nested fields and rings may use.
    struct WrittenStructure {
        var name: String
        var size: Int
        /// Its 1-bit fields outside views: a consumer ring's phase tag or done bit.
        var bitFields: [String]
    }

    mutating func structuresAndRings() {
        guard random.chance(50) else { return }
        lines.append("structures:")
        var written: [WrittenStructure] = []
        for _ in 0..<random.int(1...3) {
            written.append(structure(nesting: written))
        }
        rings(of: written)
    }

    private mutating func structure(nesting earlier: [WrittenStructure]) -> WrittenStructure {
        let name = uniqueName()
        let size = random.pick([8, 16, 32, 64])
        let packed = random.chance(10)
        lines += ["  - name: \(SpecText.quoted(name))", "    size: \(size)"]
        if random.chance(20) { lines.append("    byte-order: big") } else if random.chance(10) { lines.append("    byte-order: little") }
        if packed { lines.append("    packed: true") }
        if random.chance(30) { lines.append("    description: \(description())") }
        // Views share the upper half of a larger structure; common fields take the rest.
        let viewStart = size >= 16 && random.chance(30) ? size / 2 : size
        var structure = WrittenStructure(name: name, size: size, bitFields: [])
        var reserved: [(offset: Int, bytes: Int)] = []
        var fieldLines: [String] = []
        var offset = 0
        while offset < viewStart && (fieldLines.isEmpty || random.chance(85)) {
            let (entries, end, bits) = field(from: offset, before: viewStart, packed: packed, nesting: earlier, indent: "      ")
            fieldLines += entries
            structure.bitFields += bits
            offset = end
            let gap = random.int(0...2)
            if gap > 0 && offset + gap <= viewStart && random.chance(50) { reserved.append((offset, gap)) }
            offset += gap
        }
        lines.append("    fields:")
        lines += fieldLines
        if viewStart < size {
            lines.append("    views:")
            for _ in 0..<random.int(1...3) { view(from: viewStart, before: size, packed: packed) }
        }
        if !reserved.isEmpty {
            lines.append("    reserved:")
            lines += reserved.map { "      - { offset: \($0.offset), bytes: \($0.bytes) }" }
        }
        return structure
    }

    private mutating func view(from start: Int, before end: Int, packed: Bool) {
        lines += ["      - name: \(SpecText.quoted(uniqueName()))", "        fields:"]
        var offset = start
        var any = false
        while offset < end && (!any || random.chance(70)) {
            let (entries, next, _) = field(from: offset, before: end, packed: packed, nesting: [], indent: "          ")
            guard !entries.isEmpty else { break }
            lines += entries
            any = true
            offset = next + random.int(0...2)
        }
    }

    /// One field (or several bit fields of one dword) at `offset` or after it, ending by `limit`.
    /// Returns its lines, where it ends, and the names of 1-bit fields.
    private mutating func field(
        from offset: Int, before limit: Int, packed: Bool, nesting earlier: [WrittenStructure], indent: String
    ) -> (lines: [String], end: Int, bitFields: [String]) {
        func aligned(_ size: Int) -> Int { packed ? offset : (offset + size - 1) / size * size }
        let room = limit - offset
        let dword = (offset + 3) / 4  // a dword is placed by its number, so it is aligned even when packed
        switch random.int(0...9) {
        case 4...5 where dword * 4 + 4 <= limit:
            return dwordBitFields(dword: dword, indent: indent)
        case 6 where room >= 1:
            let count = random.int(1...min(room, 8))
            return (["\(indent)- { name: \(SpecText.quoted(uniqueName())), offset: \(offset), bytes: \(count) }"], offset + count, [])
        case 7 where room >= 2:
            let length = random.int(2...min(room, 16))
            let padding = random.chance(50) ? ", padding: \(random.pick(["space", "nul"]))" : ""
            return (["\(indent)- { name: \(SpecText.quoted(uniqueName())), offset: \(offset), string: \(length)\(padding) }"], offset + length, [])
        case 8:
            let fitting = earlier.filter { $0.size <= room }
            guard !fitting.isEmpty else { break }
            let nested = random.pick(fitting)
            let count = nested.size * 2 <= room && random.chance(40) ? 2 : 1
            let array = count > 1 ? ", count: 2" : ""
            return (
                ["\(indent)- { name: \(SpecText.quoted(uniqueName())), offset: \(offset), structure: \(SpecText.quoted(nested.name))\(array) }"],
                offset + nested.size * count, []
            )
        case 9:
            let width = random.pick([8, 16, 32])
            let start = aligned(width / 8)
            let stride = width / 8 * random.int(1...2)
            guard start + stride + width / 8 <= limit else { break }
            let count = random.int(2...max(2, min(4, (limit - start - width / 8) / stride + 1)))
            let strideText = stride != width / 8 || random.chance(30) ? ", stride: \(stride)" : ""
            return (
                ["\(indent)- { name: \(SpecText.quoted(uniqueName())), offset: \(start), width: \(width), count: \(count)\(strideText) }"],
                start + stride * (count - 1) + width / 8, []
            )
        default:
            break
        }
        // A whole integer, the widest that fits (or a random narrower one).
        let widths = [64, 32, 16, 8].filter { aligned($0 / 8) + $0 / 8 <= limit }
        guard !widths.isEmpty else { return ([], limit, []) }
        let width = random.pick(widths)
        let start = aligned(width / 8)
        var entry = "\(indent)- { name: \(SpecText.quoted(uniqueName())), offset: \(start), width: \(width)"
        if random.chance(25) {
            var value = 0
            let cases = (0..<random.int(1...4)).map { _ in
                value += random.int(1...40)
                return "\(SpecText.quoted(uniqueName())): \(value)"
            }
            entry += ", enum: { \(cases.joined(separator: ", ")) }"
        } else if random.chance(20) {
            let flags = (0..<min(width, 8)).filter { _ in random.chance(40) }.map { "\(SpecText.quoted(uniqueName())): \($0)" }
            if !flags.isEmpty { entry += ", flags: { \(flags.joined(separator: ", ")) }" }
        }
        if random.chance(20) { entry += ", description: \(description())" }
        return ([entry + " }"], start + width / 8, [])
    }

    /// Bit fields of one dword, as datasheets write them ("CDW0 bits 15:8").
    private mutating func dwordBitFields(dword: Int, indent: String) -> (lines: [String], end: Int, bitFields: [String]) {
        var entries: [String] = []
        var bitFields: [String] = []
        var bit = random.int(0...3)
        while bit < 32 && (entries.isEmpty || random.chance(70)) {
            let width = min(32 - bit, random.pick([1, 1, 2, 3, 4, 8, 16]))
            let name = uniqueName()
            let bits = width == 1 ? "\(bit)" : "\"\(bit + width - 1):\(bit)\""
            var entry = "\(indent)- { name: \(SpecText.quoted(name)), dword: \(dword), bits: \(bits)"
            if width == 1 {
                bitFields.append(name)
            } else if width <= 4 && random.chance(40) {
                let cases = (0..<random.int(1...(1 << width))).map { "\(SpecText.quoted(uniqueName())): \($0)" }
                entry += ", enum: { \(cases.joined(separator: ", ")) }"
            } else if random.chance(25) {
                let flags = (0..<width).filter { _ in random.chance(50) }.map { "\(SpecText.quoted(uniqueName())): \($0)" }
                if !flags.isEmpty { entry += ", flags: { \(flags.joined(separator: ", ")) }" }
            }
            entries.append(entry + " }")
            bit += width + random.int(0...3)
        }
        return (entries, dword * 4 + 4, bitFields)
    }

    private mutating func rings(of structures: [WrittenStructure]) {
        guard !doorbells.isEmpty, random.chance(70) else { return }
        lines.append("rings:")
        for _ in 0..<random.int(1...3) {
            let doorbell = random.pick(doorbells)
            let withBit = structures.filter { !$0.bitFields.isEmpty }
            let consumer = !withBit.isEmpty && random.chance(50)
            let entry = consumer ? random.pick(withBit) : random.pick(structures)
            lines += [
                "  - name: \(SpecText.quoted(uniqueName()))", "    entry: \(SpecText.quoted(entry.name))",
                "    role: \(consumer ? "consumer" : "producer")", "    doorbell: \(SpecText.quoted(doorbell.name))",
            ]
            let maximum = 1 << random.int(3...12)
            switch random.int(0...2) {
            case 0: lines.append("    entries: { min: 2, max: \(maximum), power-of-two: true }")
            case 1: lines.append("    entries: { min: 8, max: \(maximum), multiple-of: 8 }")
            default: break
            }
            if consumer {
                lines.append("    ready: { \(random.chance(50) ? "phase" : "done"): \(SpecText.quoted(random.pick(entry.bitFields))) }")
            } else if !entry.bitFields.isEmpty && random.chance(30) {
                lines.append("    ready: { done: \(SpecText.quoted(random.pick(entry.bitFields))) }")
            }
            if !consumer && !indexRegisters.isEmpty && random.chance(40) {
                lines.append("    device-index: \(SpecText.quoted(random.pick(indexRegisters)))")
            }
            if random.chance(30) { lines.append("    description: \(description())") }
        }
    }
}
