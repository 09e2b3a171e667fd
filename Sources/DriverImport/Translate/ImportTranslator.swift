import DriverSpec

/// A `SourceMap` to the spec it becomes: blocks placed in BARs, registers named
/// `BLOCK_REGISTER` (just `REGISTER` when there is one block), registers that share an address
/// turned into aliases or read-only / write-only pairs, and what is left over logged.
struct ImportTranslator {
    let log: ImportLog
    let options: ImportOptions

    /// A register on its way into a BAR, with its place in the source for ordering.
    private struct Placed {
        var register: ImportedRegister
        var order: Int

        var copies: Int { register.count ?? 1 }
        var bytes: UInt64 { UInt64(register.width / 8) }
        var end: UInt64 { register.offset + UInt64(copies - 1) * (register.stride ?? bytes) + bytes }
        var loss: ImportLosses {
            ImportLosses(registers: copies, fields: copies * register.fields.count, enumValues: copies * register.fields.reduce(0) { $0 + $1.values.count })
        }
    }

    func translate(_ source: SourceMap) -> ImportedDevice {
        let map = selected(source)
        if options.form == .microcontroller { return translateMicrocontroller(map) }
        for interrupt in map.interrupts {
            log.warning(
                interrupt.location, "interrupt '\(interrupt.name)' not imported: SVD does not say which register bit signals it",
                hint: "add it under `interrupts.sources` with its status bit, or import the microcontroller form")
        }
        let name = options.name ?? map.name
        var registerNames = UniqueNames(convert: GeneratedNames.registerType, reserved: [GeneratedNames.namespace(name)])
        let translation = RegisterTranslation(log: log)
        var byBar: [Int: (blocks: [SourceBlock], placed: [Placed])] = [:]
        for block in map.blocks {
            let index = options.barAssignments[block.name] ?? 0
            byBar[index, default: ([], [])].blocks.append(block)
        }
        for known in options.barAssignments.keys where !map.blocks.contains(where: { $0.name == known }) {
            log.warning(SourceLocation.start(of: map.blocks.first?.location.file ?? "input"), "--bar names '\(known)', which is not a block of this file")
        }
        var bars: [ImportedBar] = []
        var order = 0
        for index in byBar.keys.sorted() {
            let blocks = byBar[index]!.blocks
            let base = blocks.map(\.baseAddress).min() ?? 0
            var placed: [Placed] = []
            for block in blocks {
                let prefix = map.blocks.count > 1 ? "\(block.name)_" : ""
                for var item in place(block, prefix: prefix, names: &registerNames, translation: translation, order: &order) {
                    item.register.name = prefix + item.register.name
                    item.register.offset += block.baseAddress - base
                    placed.append(item)
                }
            }
            let registers = resolveSharedAddresses(placed)
            let end = registers.map { $0.end }.max() ?? 16
            let size = Self.powerOfTwo(atLeast: max(end, 16))
            bars.append(
                ImportedBar(
                    index: index, name: byBar.count == 1 ? "registers" : "bar\(index)", isMem64: size > 0x8000_0000, size: size,
                    description: blocks.count == 1 ? blocks[0].description : "\(blocks.map(\.name).joined(separator: ", ")), from \(Hex.string(base)).",
                    registers: registers.map(\.register)))
        }
        if options.vendorID == nil || options.deviceID == nil {
            log.warning(
                SourceLocation.start(of: map.blocks.first?.location.file ?? "input"),
                "the source has no PCI ids; the spec gets placeholders", hint: "pass --vendor and --device")
        }
        return ImportedDevice(
            name: name, description: map.description, vendorID: options.vendorID ?? 0xABCD, deviceID: options.deviceID ?? 0x0001,
            bundleID: options.bundleID ?? "com.example.driver.\(GeneratedNames.namespace(name))", driverClass: options.driverClass, bars: bars)
    }

    /// `block`'s registers translated, in source order, each named so that `prefix` + its name
    /// is unique in the device (a name already taken gets a suffix, with a warning). The names
    /// are returned without the prefix.
    private func place(
        _ block: SourceBlock, prefix: String, names: inout UniqueNames, translation: RegisterTranslation, order: inout Int
    ) -> [Placed] {
        var placed: [Placed] = []
        for source in block.registers {
            let wanted = prefix + source.name
            let unique = names.claim(wanted)
            if unique != wanted {
                log.warning(source.location, "register name '\(wanted)' is taken; imported as '\(unique)'")
            }
            guard let register = translation.translate(source, name: String(unique.dropFirst(prefix.count))) else { continue }
            placed.append(Placed(register: register, order: order))
            order += 1
        }
        return placed
    }

    /// The blocks `options.blocks` names and their interrupts; a name that is not a block is a warning.
    private func selected(_ map: SourceMap) -> SourceMap {
        guard let wanted = options.blocks else { return map }
        for name in wanted.sorted() where !map.blocks.contains(where: { $0.name == name }) {
            log.warning(
                SourceLocation.start(of: map.blocks.first?.location.file ?? "input"), "--peripherals names '\(name)', which is not a block of this file",
                hint: Suggestions.didYouMean(name, in: map.blocks.map(\.name)))
        }
        var map = map
        map.blocks = map.blocks.filter { wanted.contains($0.name) }
        map.interrupts = map.interrupts.filter { wanted.contains($0.block) }
        return map
    }

    /// The microcontroller form: each block a peripheral at its base address, its registers
    /// named as the source names them (unique in the device as `BLOCK_REGISTER`), and the
    /// interrupt lines, one per number.
    private func translateMicrocontroller(_ map: SourceMap) -> ImportedDevice {
        let name = options.name ?? map.name
        var registerNames = UniqueNames(convert: GeneratedNames.registerType, reserved: [GeneratedNames.namespace(name)])
        let translation = RegisterTranslation(log: log)
        var order = 0
        let peripherals = map.blocks.map { block in
            let placed = place(block, prefix: "\(block.name)_", names: &registerNames, translation: translation, order: &order)
            let registers = resolveSharedAddresses(placed)
            let end = registers.map(\.end).max() ?? 4
            return ImportedBar(
                index: 0, name: block.name, isMem64: false, size: (end + 3) & ~3, description: block.description,
                registers: registers.map(\.register), address: block.baseAddress)
        }
        var interrupts: [ImportedInterrupt] = []
        var numbers: [Int: String] = [:]
        for interrupt in map.interrupts {
            if let first = numbers[interrupt.number] {
                if first != interrupt.name {
                    log.warning(interrupt.location, "interrupt '\(interrupt.name)' has number \(interrupt.number), as '\(first)' does; imported once, as '\(first)'")
                }
                continue
            }
            numbers[interrupt.number] = interrupt.name
            interrupts.append(ImportedInterrupt(name: interrupt.name, number: interrupt.number, description: interrupt.description))
        }
        return ImportedDevice(
            name: name, description: map.description, vendorID: 0, deviceID: 0, bundleID: "", driverClass: nil, bars: peripherals,
            microcontroller: ImportedMicrocontroller(cpu: map.cpu, interrupts: interrupts.sorted { $0.number < $1.number }))
    }

    // MARK: Shared addresses

    /// Registers whose bytes overlap: arrays among them are split into single registers; then,
    /// at each address, the first register keeps its place and the others become its aliases,
    /// or stay beside it when one is read-only and the other write-only. Partial overlaps are
    /// left out.
    private func resolveSharedAddresses(_ placed: [Placed]) -> [Placed] {
        var registers = placed
        let overlappingArrays = Set(overlapGroups(registers).flatMap { $0 }.filter { registers[$0].copies > 1 })
        if !overlappingArrays.isEmpty {
            registers = registers.enumerated().flatMap { index, item in
                overlappingArrays.contains(index) ? split(item) : [item]
            }
        }
        var removed: Set<Int> = []
        for group in overlapGroups(registers) {
            let members = group.sorted { registers[$0].order < registers[$1].order }
            let primary = members[0]
            for member in members.dropFirst() {
                if let alias = shareAddress(registers[member], with: registers[primary], groupSize: members.count) {
                    registers[member] = alias
                } else {
                    removed.insert(member)
                }
            }
        }
        return registers.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            .sorted { ($0.register.offset, $0.order) < ($1.register.offset, $1.order) }
    }

    /// `member` made to live at `primary`'s address, or nil (logged) when it cannot.
    private func shareAddress(_ member: Placed, with primary: Placed, groupSize: Int) -> Placed? {
        let register = member.register
        let other = primary.register
        guard register.offset == other.offset, register.width == other.width else {
            log.lost(
                register.location,
                "register '\(register.name)' (\(Hex.string(register.offset)), \(register.width) bits) overlaps '\(other.name)' (\(Hex.string(other.offset)), \(other.width) bits) in part; not imported",
                member.loss)
            return nil
        }
        let kind = register.access ?? (register.fields.allSatisfy { $0.access == nil } ? "rw" : "mixed")
        let otherKind = other.access ?? "rw"
        if groupSize == 2, Self.isPair(kind, otherKind) {
            return member
        }
        guard let aliasKind = AccessMapping.aliasKind(kind) else {
            log.lost(
                register.location, "register '\(register.name)' shares its address with '\(other.name)', and its access (\(kind)) is not one an alias can have; not imported",
                member.loss)
            return nil
        }
        var alias = member
        alias.register.aliasOf = other.name
        alias.register.access = aliasKind == "rw" ? nil : aliasKind
        alias.register.writeOnly = aliasKind == "wo"
        alias.register.reset = 0
        let fields = register.fields.count
        let values = register.fields.reduce(0) { $0 + $1.values.count }
        let sameLayout = register.fields.map { [$0.name, "\($0.lsb)", "\($0.width)"] } == other.fields.map { [$0.name, "\($0.lsb)", "\($0.width)"] }
        alias.register.fields = []
        if fields > 0 {
            log.lost(
                register.location,
                sameLayout
                    ? "register '\(register.name)' shares its address and its \(fields) fields with '\(other.name)': imported as its alias, the fields declared once, on '\(other.name)'"
                    : "register '\(register.name)' shares its address with '\(other.name)': imported as its alias, which has '\(other.name)''s fields; its own \(fields) fields are not imported",
                ImportLosses(fields: fields, enumValues: values))
        } else {
            log.warning(register.location, "register '\(register.name)' shares its address with '\(other.name)': imported as its alias")
        }
        return alias
    }

    /// A read-only register and a write-only one may share an address as they are.
    private static func isPair(_ first: String, _ second: String) -> Bool {
        (AccessMapping.readOnlyKinds.contains(first) && AccessMapping.writeOnlyKinds.contains(second))
            || (AccessMapping.writeOnlyKinds.contains(first) && AccessMapping.readOnlyKinds.contains(second))
    }

    /// An array as single registers `NAME_0`, `NAME_1`...
    private func split(_ item: Placed) -> [Placed] {
        (0..<item.copies).map { index in
            var copy = item
            copy.register.name = "\(item.register.name)_\(index)"
            copy.register.offset += UInt64(index) * (item.register.stride ?? item.bytes)
            copy.register.count = nil
            copy.register.stride = nil
            return copy
        }
    }

    /// Indices of registers whose bytes overlap, grouped; only groups of two or more.
    private func overlapGroups(_ registers: [Placed]) -> [[Int]] {
        var spans: [(start: UInt64, end: UInt64, index: Int)] = []
        for (index, item) in registers.enumerated() {
            for copy in 0..<item.copies {
                let start = item.register.offset + UInt64(copy) * (item.register.stride ?? item.bytes)
                spans.append((start, start + item.bytes, index))
            }
        }
        spans.sort { ($0.start, $0.index) < ($1.start, $1.index) }
        var groups: [[Int]] = []
        var current: [Int] = []
        var currentEnd: UInt64 = 0
        for span in spans {
            if !current.isEmpty && span.start < currentEnd {
                current.append(span.index)
                currentEnd = max(currentEnd, span.end)
            } else {
                if Set(current).count > 1 { groups.append(Array(Set(current)).sorted()) }
                current = [span.index]
                currentEnd = span.end
            }
        }
        if Set(current).count > 1 { groups.append(Array(Set(current)).sorted()) }
        // An array's copies may fall in several groups: merge groups that share a register.
        var merged: [[Int]] = []
        var groupOf: [Int: Int] = [:]
        for group in groups {
            if let existing = group.lazy.compactMap({ groupOf[$0] }).first {
                merged[existing] = Array(Set(merged[existing] + group)).sorted()
                for member in group { groupOf[member] = existing }
            } else {
                merged.append(group)
                for member in group { groupOf[member] = merged.count - 1 }
            }
        }
        return merged
    }

    static func powerOfTwo(atLeast value: UInt64) -> UInt64 {
        var size: UInt64 = 1
        while size < value && size < (1 << 63) { size <<= 1 }
        return size
    }
}
