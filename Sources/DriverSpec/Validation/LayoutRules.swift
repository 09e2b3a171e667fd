/// A byte range used by a register element or an MSI-X structure, for overlap checks.
struct Occupant {
    var start: UInt64
    var end: UInt64
    var label: String
    var owner: String
    /// The register whose state the bytes hold: the owner, or the register it is an alias of.
    var state: String
    var location: SourceLocation
    var readable: Bool
    var writable: Bool
}

extension SpecValidator {
    /// Most register elements a spec may describe; keeps hostile arrays from stalling the checks.
    static let maximumElements = 1 << 20

    func checkBars() {
        if spec.isMicrocontroller { return checkPeripherals() }
        var usedSlots: [Int: BarSpec] = [:]
        for bar in spec.bars {
            for slot in bar.index..<(bar.index + bar.kind.slots) {
                if slot > 5 {
                    sink.error(
                        bar.source["index"], "64-bit BAR \(bar.index) needs slots \(bar.index) and \(bar.index + 1); there are only BARs 0...5", hint: "use an index of 4 or lower")
                } else if let other = usedSlots[slot] {
                    let detail =
                        slot == bar.index && other.index == bar.index
                        ? "BAR index \(bar.index) is used twice" : "BAR \(bar.index) overlaps the slots of BAR \(other.index) ('\(other.name)')"
                    sink.error(bar.source["index"], detail, hint: "a 64-bit BAR takes two consecutive slots")
                } else {
                    usedSlots[slot] = bar
                }
            }
            if bar.size < 16 || bar.size & (bar.size - 1) != 0 {
                sink.error(bar.source["size"], "BAR size \(Hex.string(bar.size)) is not a power of two of at least 16 bytes")
            } else if bar.kind == .mem32 && bar.size > 1 << 31 {
                sink.error(bar.source["size"], "a 32-bit BAR cannot be larger than 2 GiB", hint: "use 'type: mem64'")
            }
            checkLayout(of: bar.registers, in: "BAR '\(bar.name)'", limit: bar.size, extra: msixOccupants(in: bar))
        }
    }

    func checkConfigSpace() {
        var placed: [RegisterSpec] = []
        for register in spec.configRegisters {
            if register.offset < ConfigSpaceLayout.deviceSpecificStart {
                sink.error(
                    register.source["offset"], "config register '\(register.name)' at \(Hex.string(register.offset)) is inside the standard header (0x00...0x3F)",
                    hint: "device-specific config registers start at 0x40")
            } else {
                placed.append(register)
            }
        }
        checkLayout(of: placed, in: "configuration space", limit: ConfigSpaceLayout.end, extra: [])
        if spec.interrupts != nil, ConfigSpaceLayout.capabilityOffset(for: spec.configRegisters) == nil {
            sink.error(spec.source["config"], "config registers leave no free 32-byte slot below 0x100 for the interrupt capability")
        }
    }

    /// Peripherals: registers inside each. Peripherals may share addresses: SVD describes
    /// alternate peripherals (a SPI and a TWI over one block of hardware) that way.
    private func checkPeripherals() {
        for peripheral in spec.bars {
            checkLayout(of: peripheral.registers, in: "peripheral '\(peripheral.name)'", limit: peripheral.size, extra: [])
        }
    }

    private func checkLayout(of registers: [RegisterSpec], in container: String, limit: UInt64, extra: [Occupant]) {
        let elements = registers.reduce(0) { $0 + ($1.array?.count ?? 1) }
        var occupants = extra
        for register in registers {
            occupants += self.occupants(of: register, in: container, limit: limit, expandArrays: elements <= Self.maximumElements)
        }
        if elements > Self.maximumElements {
            sink.error(
                registers[0].source["offset"], "\(container) describes \(elements) register elements; the limit is \(Self.maximumElements)",
                hint: "describe large memories as BARs without registers")
            return
        }
        checkOverlaps(occupants)
    }

    /// The byte ranges of a register's elements, after checking alignment and bounds (rules 2 and 3).
    private func occupants(of register: RegisterSpec, in container: String, limit: UInt64, expandArrays: Bool) -> [Occupant] {
        let bytes = register.byteWidth
        if register.offset % bytes != 0 {
            sink.error(
                register.source["offset"], "register '\(register.name)' at \(Hex.string(register.offset)) is not aligned to its width of \(register.width) bits",
                hint: "use an offset that is a multiple of \(bytes)")
        }
        if let array = register.array {
            if array.strideIsUnreadable { return [] }  // its own error says why
            if array.count < 1 {
                sink.error(register.source["count"], "array '\(register.name)' has no elements", hint: "use a count of 1 or more")
                return []
            }
            if array.stride < bytes {
                sink.error(register.source["stride"], "stride \(array.stride) of array '\(register.name)' is smaller than its element size of \(bytes) bytes")
                return []
            }
            if array.stride % bytes != 0 {
                sink.error(register.source["stride"], "stride \(array.stride) of array '\(register.name)' leaves elements unaligned", hint: "use a multiple of \(bytes)")
            }
        }
        if register.offset + register.span > limit {
            sink.error(
                register.source["offset"],
                "register '\(register.name)' (\(Hex.string(register.offset))...\(Hex.string(register.offset + register.span - 1))) does not fit in \(container) of \(Hex.string(limit)) bytes"
            )
            return []
        }
        let contiguous = register.array == nil || register.array?.stride == bytes
        if contiguous || !expandArrays {
            return [occupant(register, start: register.offset, end: register.offset + register.span, index: nil)]
        }
        return register.elementOffsets.enumerated().map { index, offset in
            occupant(register, start: offset, end: offset + bytes, index: index)
        }
    }

    private func occupant(_ register: RegisterSpec, start: UInt64, end: UInt64, index: Int?) -> Occupant {
        Occupant(
            start: start, end: end, label: index.map { "register '\(register.name)[\($0)]'" } ?? "register '\(register.name)'",
            owner: register.name, state: register.aliasOf ?? register.name, location: register.source["offset"],
            readable: register.isReadable, writable: register.isWritable)
    }

    private func msixOccupants(in bar: BarSpec) -> [Occupant] {
        guard let interrupts = spec.interrupts, interrupts.kind == .msix,
            (1...interrupts.kind.maximumVectors).contains(interrupts.vectors)
        else { return [] }
        var result: [Occupant] = []
        let table = interrupts.msixTable, pba = MSIXLayout.pba(of: interrupts)
        if let table, table.bar == bar.index {
            let end = table.offset + MSIXLayout.tableSize(vectors: interrupts.vectors)
            if end > bar.size {
                sink.error(interrupts.source["table"], "the MSI-X table (\(interrupts.vectors) vectors, \(Hex.string(end - table.offset)) bytes) does not fit in BAR '\(bar.name)'")
            }
            result.append(
                Occupant(
                    start: table.offset, end: end, label: "the MSI-X table", owner: "msix-table", state: "msix-table", location: interrupts.source["table"], readable: true,
                    writable: true))
        }
        if let pba, pba.bar == bar.index {
            let end = pba.offset + MSIXLayout.pbaSize(vectors: interrupts.vectors)
            if end > bar.size {
                sink.error(interrupts.source["pba"], "the MSI-X pending-bit array does not fit in BAR '\(bar.name)'")
            }
            result.append(
                Occupant(
                    start: pba.offset, end: end, label: "the MSI-X pending-bit array", owner: "msix-pba", state: "msix-pba",
                    location: interrupts.source.wrote("pba") ? interrupts.source["pba"] : interrupts.source["table"], readable: true, writable: false))
        }
        return result
    }

    /// Registers do not overlap, except a read-only and a write-only register at one address,
    /// and an alias at its target's address (rule 2).
    private func checkOverlaps(_ occupants: [Occupant]) {
        let sorted = occupants.sorted { ($0.start, $0.end, $0.location) < ($1.start, $1.end, $1.location) }
        var widest: Occupant?
        var reported = Set<[String]>()
        for current in sorted {
            defer {
                if current.end > (widest?.end ?? 0) { widest = current }
            }
            guard let previous = widest, current.start < previous.end else { continue }
            // A read-only and a write-only register, or two views of one state (an alias at its
            // target's own address, as SVD's alternate registers are).
            let sharesAddress =
                previous.start == current.start && previous.end == current.end
                && ((!previous.writable && !current.readable) || (!previous.readable && !current.writable) || previous.state == current.state)
            if sharesAddress { continue }
            let pair = [previous.owner, current.owner].sorted()
            guard reported.insert(pair).inserted else { continue }
            let (first, second) = previous.location <= current.location ? (previous, current) : (current, previous)
            let involvesMSIX = [first, second].contains { $0.owner.hasPrefix("msix-") }
            sink.error(
                second.location,
                "\(second.label) (\(Hex.string(second.start))...\(Hex.string(second.end - 1))) overlaps \(first.label) (\(Hex.string(first.start))...\(Hex.string(first.end - 1)))",
                hint: involvesMSIX
                    ? "the MSI-X table and pending-bit array need bytes of their own; move them ('interrupts.table', 'interrupts.pba') or the register"
                    : "only a read-only and a write-only register may share an address")
        }
    }
}
