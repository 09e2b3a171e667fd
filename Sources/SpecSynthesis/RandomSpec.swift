/// Valid specs drawn at random (seeded, reproducible) from the whole language: widths, arrays,
/// enums, flags, every access kind, registers taken in parts, aliases, MSI and MSI-X (optional
/// or not), interrupt enables and masks, config registers, storage, DMA structures (integers,
/// bit fields of dwords, enums, flags, bytes, strings, nested structures, arrays, views,
/// reserved bytes, either byte order, packed) and rings, and hostile names and descriptions. For property tests: whatever the generator makes must load, generate code
/// that compiles, and simulate.
public struct RandomSpec {
    /// The spec's text.
    public let text: String
    /// The device name (unique per index).
    public let name: String

    private static let accessKinds = ["rw", "ro", "wo", "w1c", "w1s", "w1t", "w0c", "w0s", "w0t", "wc", "ws", "rc", "rs", "w1", "rw1", "rc-w1c"]
    private static let nameParts = [
        "status", "control", "data", "irq", "dma", "queue", "fifo", "mode", "level", "count",
        "default", "class", "self", "Type", "rawValue", "init", "description", "protocol",
        "in", "Bus", "value", "température", "日本", "3d", "_x", "weird name", "a-b_c",
    ]
    private static let hostileText = ["*/", "/*", "\"\"\"", "\\", "\\(x)", "naïve 🚀", "line\nbreak", "#", "%d", "'quote'", "`code`", "<tag>"]

    /// The `index`-th spec of the sequence seeded with `seed`.
    public init(seed: UInt64, index: Int) {
        var random = Generator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        name = "Random\(index)"
        var writer = Writer(random: random)
        writer.device(name: name)
        random = writer.random
        text = writer.lines.joined(separator: "\n") + "\n"
    }

    /// SplitMix64, small and reproducible across platforms.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    struct Writer {
        var random: Generator
        var lines: [String] = []
        var usedNames = Set<String>()
        var statusBits: [(register: String, field: String, readable: Bool, writable: Bool, access: String)] = []
        /// Read-write bits of single registers, for sources' `enable` or `mask`.
        var switchBits: [(register: String, field: String)] = []
        var firstBarSize = 0
        /// Writable BAR registers without fields, for rings' doorbells (an array takes a queue number).
        var doorbells: [(name: String, isArray: Bool)] = []
        /// Readable single BAR registers without fields, for rings' device indexes.
        var indexRegisters: [String] = []

        init(random: Generator) {
            self.random = random
        }

        /// A name distinct (as a Swift identifier, in any position) from every name used so far.
        mutating func uniqueName(_ base: String? = nil) -> String {
            while true {
                let part = base ?? random.pick(RandomSpec.nameParts)
                let candidate = "\(part)\(random.chance(60) ? "\(random.int(0...999))" : "")"
                let key = candidate.lowercased().filter { $0.isLetter || $0.isNumber }
                if !key.isEmpty, usedNames.insert(key).inserted { return candidate }
            }
        }

        mutating func description() -> String {
            SpecText.quoted((0..<random.int(1...3)).map { _ in random.pick(RandomSpec.hostileText) }.joined(separator: " text "))
        }

        mutating func device(name: String) {
            _ = usedNames.insert(name.lowercased())
            lines.append("name: \(name)")
            if random.chance(70) { lines.append("description: \(description())") }
            let devices = (0..<random.int(1...3)).map { _ in SpecText.hex(random.int(1...0xFFFE)) }
            lines.append("pci:")
            lines.append("  vendor: \(SpecText.hex(random.int(1...0xFFFE)))")
            lines.append(devices.count == 1 ? "  device: \(devices[0])" : "  devices: [\(Array(Set(devices)).sorted().joined(separator: ", "))]")
            lines.append("  revision: \(random.int(0...255))")
            lines.append("  class: \(SpecText.hex(random.int(0...0xFF_FFFF)))")
            if random.chance(30) { lines += ["  subsystem-vendor: 0x1234", "  subsystem: \(SpecText.hex(random.int(0...0xFFFF)))"] }
            let tunnel = random.chance(80)
            lines += ["thunderbolt:", "  tunnel-compatible: \(tunnel)", "  pause-compatible: \(random.chance(40))"]
            lines.append("storage: \(tunnel && random.chance(30))")
            lines += ["driver:", "  class: \(name)Driver", "  bundle-id: com.example.random.\(name.lowercased())"]
            if random.chance(30) { lines.append("  probe-score: \(random.int(0...10000))") }
            let usesMSIX = random.chance(40)
            let vectors = usesMSIX ? random.int(1...40) : 1 << random.int(0...5)
            if random.chance(30) { config() }
            bars()
            interrupts(msix: usesMSIX, vectors: vectors)
            structuresAndRings()
        }

        mutating func config() {
            lines.append("config:")
            var offset = 0x80
            for _ in 0..<random.int(1...3) {
                let width = random.pick([8, 16, 32])
                offset = (offset + width / 8 - 1) / (width / 8) * (width / 8)
                register(name: uniqueName(), offset: offset, width: width, indent: "  ", allowArray: false)
                offset += width / 8 + random.int(0...4)
            }
        }

        mutating func bars() {
            lines.append("bars:")
            var slot = 0
            var firstBar = true
            while slot < 6 && (firstBar || random.chance(40)) {
                let is64 = random.chance(40) && slot < 5
                let size = 1 << random.int(13...20)
                lines += [
                    "  - index: \(slot)", "    name: \(SpecText.quoted(uniqueName()))", "    type: \(is64 ? "mem64" : "mem32")",
                    "    prefetchable: \(random.chance(30))", "    size: \(SpecText.hex(size))",
                ]
                if random.chance(50) { lines.append("    description: \(description())") }
                if firstBar {
                    firstBarSize = size
                    // Registers take the lower half of BAR 0; the MSI-X table and pending bits the upper.
                    registers(in: size / 2)
                }
                firstBar = false
                slot += is64 ? 2 : 1
            }
        }

        mutating func registers(in space: Int) {
            lines.append("    registers:")
            var offset = 0
            for _ in 0..<random.int(1...10) {
                let width = random.pick([8, 16, 32, 32, 64])
                offset = (offset + width / 8 - 1) / (width / 8) * (width / 8)
                guard offset + 64 < space else { break }
                let name = uniqueName()
                let (span, aliasable) = register(name: name, offset: offset, width: width, indent: "      ", allowArray: true)
                offset += span
                if aliasable && random.chance(25) {
                    offset = (offset + width / 8 - 1) / (width / 8) * (width / 8)
                    alias(of: name, offset: offset, indent: "      ")
                    offset += width / 8
                }
                offset += random.int(0...8)
            }
        }

        /// Another address of `target`'s state.
        mutating func alias(of target: String, offset: Int, indent: String) {
            lines += [
                "\(indent)- name: \(SpecText.quoted(uniqueName()))", "\(indent)  offset: \(SpecText.hex(offset))",
                "\(indent)  alias-of: \(SpecText.quoted(target))", "\(indent)  access: \(random.pick(["rw", "ro", "wo", "w1s", "w1c", "w1t", "rc-w1c"]))",
            ]
            if random.chance(50) { lines.append("\(indent)  write-only: true") }
        }

        /// Writes one register; returns the bytes it spans, and whether it may have an alias.
        @discardableResult
        mutating func register(name: String, offset: Int, width: Int, indent: String, allowArray: Bool) -> (span: Int, aliasable: Bool) {
            lines.append("\(indent)- name: \(SpecText.quoted(name))")
            lines.append("\(indent)  offset: \(SpecText.hex(offset))")
            lines.append("\(indent)  width: \(width)")
            var span = width / 8
            if allowArray && random.chance(20) {
                let count = random.int(2...6), stride = width / 8 * random.int(1...2)
                lines += ["\(indent)  count: \(count)", "\(indent)  stride: \(stride)"]
                span = stride * (count - 1) + width / 8
            }
            if random.chance(30) { lines.append("\(indent)  description: \(description())") }
            var narrower = [8, 16, 32].filter { $0 < width && random.chance(30) }
            if !narrower.isEmpty {
                let split = random.chance(30)  // the device takes the register only in parts
                if !split { narrower.append(width) }
                lines.append("\(indent)  access-widths: [\(narrower.map(String.init).joined(separator: ", "))]")
                if split && random.chance(50) { lines.append("\(indent)  access-order: \(random.pick(["low-first", "high-first"]))") }
            }
            if random.chance(25) {
                let access = random.pick(RandomSpec.accessKinds)
                lines.append("\(indent)  access: \(access)")
                if random.chance(50) { lines.append("\(indent)  reset: \(SpecText.hex(random.next() & ((1 << UInt64(width - 1)) - 1)))") }
                if allowArray && span == width / 8 {
                    statusBits.append((name, "", access != "wo" && access != "w1", !["ro", "rc", "rs"].contains(access), access))
                }
                if allowArray && ["rw", "wo"].contains(access) { doorbells.append((name, span != width / 8)) }
                if allowArray && span == width / 8 && ["rw", "ro"].contains(access) { indexRegisters.append(name) }
                return (span, allowArray && span == width / 8)
            }
            lines.append("\(indent)  fields:")
            var bit = 0
            var fieldNames = Set<String>()
            while bit < width && random.chance(85) {
                let fieldWidth = min(width - bit, random.pick([1, 1, 2, 3, 4, 8]))
                var fieldName = uniqueName()
                while !fieldNames.insert(fieldName).inserted { fieldName = uniqueName() }
                let access = random.pick(RandomSpec.accessKinds)
                let bits = fieldWidth == 1 ? "\(bit)" : "\"\(bit + fieldWidth - 1):\(bit)\""
                var entry = "\(indent)    - { name: \(SpecText.quoted(fieldName)), bits: \(bits), access: \(access)"
                if random.chance(30) { entry += ", reset: \(random.int(0...((1 << min(fieldWidth, 16)) - 1)))" }
                if fieldWidth > 1 && fieldWidth <= 4 && random.chance(40) {
                    let cases = (0..<random.int(1...(1 << fieldWidth))).map { value in "\(SpecText.quoted(uniqueName())): \(value)" }
                    entry += ", enum: { \(cases.joined(separator: ", ")) }"
                } else if fieldWidth > 1 && random.chance(25) {
                    let flags = (0..<fieldWidth).filter { _ in random.chance(60) }.map { "\(SpecText.quoted(uniqueName())): \($0)" }
                    if !flags.isEmpty { entry += ", flags: { \(flags.joined(separator: ", ")) }" }
                }
                if random.chance(20) { entry += ", description: \(description())" }
                lines.append(entry + " }")
                if fieldWidth == 1 && allowArray && span == width / 8 {
                    statusBits.append((name, fieldName, access != "wo" && access != "w1", !["ro", "rc", "rs"].contains(access), access))
                    if ["rw", "rw1"].contains(access) { switchBits.append((name, fieldName)) }
                }
                bit += fieldWidth + random.int(0...2)
            }
            if bit == 0 {
                lines.append("\(indent)    - { name: \(SpecText.quoted(uniqueName())), bits: 0 }")
            }
            return (span, allowArray && span == width / 8)
        }

        mutating func interrupts(msix: Bool, vectors: Int) {
            guard random.chance(85) else { return }
            lines += ["interrupts:", "  kind: \(msix ? "msix" : "msi")", "  vectors: \(vectors)"]
            if random.chance(20) { lines.append("  optional: true") }
            if msix {
                lines.append("  table: { bar: 0, offset: \(SpecText.hex(firstBarSize / 2)) }")
            } else {
                lines.append("  per-vector-masking: \(random.chance(50))")
                lines.append("  address-64-bit: \(random.chance(80))")
            }
            lines.append("  sources:")
            for vector in 0..<min(vectors, 8) {
                let readable = statusBits.filter(\.readable)
                let status = readable.isEmpty ? nil : random.pick(readable)
                lines.append("    - name: \(SpecText.quoted(uniqueName()))")
                lines.append("      vector: \(vector)")
                if let status, random.chance(70) {
                    lines.append("      status: \(SpecText.quoted(status.field.isEmpty ? status.register : "\(status.register).\(status.field)"))")
                    let acknowledgeable = ["rw", "wo", "w1", "rw1", "w1c", "rc-w1c", "w0c"]
                    if status.field.isEmpty == false, acknowledgeable.contains(status.access) {
                        lines.append("      acknowledge: \(SpecText.quoted("\(status.register).\(status.field)"))")
                    }
                }
                if !switchBits.isEmpty && random.chance(30) {
                    let bit = random.pick(switchBits)
                    lines.append("      \(random.chance(50) ? "enable" : "mask"): \(SpecText.quoted("\(bit.register).\(bit.field)"))")
                }
                if random.chance(30) { lines.append("      description: \(description())") }
            }
        }
    }
}
