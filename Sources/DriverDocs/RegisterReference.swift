import DriverSpec

/// A spec as its HTML reference shows it: blocks of registers with their fields laid out bit by
/// bit, each element with the id its deep link uses (`bar0.status.computing`).
struct DeviceReference {
    let name: String
    let title: String
    let description: String?
    let facts: [(String, String)]
    let blocks: [BlockReference]
    let interrupts: [(name: String, detail: String)]
    let structures: [(name: String, detail: String)]

    init(_ spec: DeviceSpec) {
        name = GeneratedNames.namespace(spec.name)
        title = spec.name
        description = spec.description
        var blocks: [BlockReference] = []
        if !spec.configRegisters.isEmpty {
            blocks.append(BlockReference(id: "config", title: "Configuration space", detail: "device-specific registers", registers: spec.configRegisters))
        }
        for bar in spec.bars {
            if let address = bar.address {
                blocks.append(
                    BlockReference(
                        id: Self.id(bar.name), title: "Peripheral \(bar.name)",
                        detail: "at \(Hex.string(address)), \(Hex.string(bar.size)) bytes" + (bar.derivedFrom.map { ", the registers of \($0)" } ?? ""),
                        description: bar.description, registers: bar.registers))
            } else {
                blocks.append(
                    BlockReference(
                        id: "bar\(bar.index)", title: "BAR \(bar.index) \(bar.name)",
                        detail: "\(bar.kind.rawValue)\(bar.prefetchable ? " prefetchable" : ""), \(Hex.string(bar.size)) bytes",
                        description: bar.description, registers: bar.registers))
            }
        }
        self.blocks = blocks
        if let chip = spec.microcontroller {
            facts = [("Form", "microcontroller")] + (chip.cpu.map { [("Core", $0)] } ?? []) + [("Peripherals", "\(spec.bars.count)")]
            interrupts = chip.interrupts.sorted { $0.number < $1.number }.map { ($0.name, "IRQ \($0.number)" + ($0.description.map { ": \($0)" } ?? "")) }
        } else {
            var facts = [
                ("PCI vendor", Hex.string(spec.pci.vendor, digits: 4)),
                ("PCI device", spec.pci.devices.map { Hex.string($0, digits: 4) }.joined(separator: ", ")),
            ]
            if let classCode = spec.pci.classCode { facts.append(("Class", Hex.string(UInt64(classCode), digits: 6))) }
            facts.append(("Driver", "\(spec.driver.className) (\(spec.driver.bundleIdentifier))"))
            facts.append(("Thunderbolt", spec.thunderbolt.tunnelCompatible ? "tunnel-compatible" : "not tunnel-compatible"))
            self.facts = facts
            interrupts = (spec.interrupts?.sources ?? []).map { source in
                (source.name, "vector \(source.vector)" + (source.description.map { ": \($0)" } ?? ""))
            }
        }
        structures =
            spec.structures.map { ($0.name, "\($0.size) bytes" + ($0.description.map { ": \($0)" } ?? "")) }
            + spec.rings.map { ($0.name, "ring of \($0.entry)" + ($0.description.map { ": \($0)" } ?? "")) }
    }

    /// An id part: lower case, letters, digits, `-` and `_` only.
    static func id(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" ? Character($0) : "-" })
    }
}

/// A BAR, a peripheral or configuration space: a page of the reference, or several for a big
/// block (a whole chip in one BAR), so that each page stays small enough to open at once.
struct BlockReference {
    /// About 300 KB of HTML: a page takes registers until their fields and values reach this.
    static let weightPerPage = 400

    let id: String
    let title: String
    let detail: String
    var description: String? = nil
    let registers: [RegisterReference]
    /// The registers of each page, by index.
    let pages: [Range<Int>]
    /// Each register's page.
    private let pageOfRegister: [Int]

    /// Page `number`'s file: `bar0.html`, then `bar0-2.html`, ...
    func fileName(page number: Int) -> String { number == 0 ? "\(id).html" : "\(id)-\(number + 1).html" }

    /// The file that shows register `index`.
    func fileName(ofRegister index: Int) -> String { fileName(page: pageOfRegister[index]) }

    /// The link to a register or a field of it, by the register's id.
    func link(to registerID: String, anchor: String) -> String {
        let index = registers.firstIndex { $0.id == registerID } ?? 0
        return fileName(ofRegister: index) + "#" + anchor
    }

    init(id: String, title: String, detail: String, description: String? = nil, registers: [RegisterSpec]) {
        self.id = id
        self.title = title
        self.detail = detail
        self.description = description
        let registers = registers.map { RegisterReference($0, block: id) }
        self.registers = registers
        var pages: [Range<Int>] = []
        var pageOfRegister: [Int] = []
        var start = 0, weight = 0
        for (index, register) in registers.enumerated() {
            if weight >= Self.weightPerPage {
                pages.append(start..<index)
                start = index
                weight = 0
            }
            pageOfRegister.append(pages.count)
            weight += 1 + register.fields.count + register.fields.reduce(0) { $0 + $1.values.count }
        }
        pages.append(start..<registers.count)
        self.pages = pages
        self.pageOfRegister = pageOfRegister
    }
}

struct RegisterReference {
    let id: String
    let name: String
    let offset: UInt64
    let width: Int
    let access: String
    let reset: UInt64
    let description: String?
    let array: String?
    /// The register this one is another address of, by id.
    let aliasOf: (id: String, name: String)?
    let fields: [FieldReference]

    init(_ register: RegisterSpec, block: String) {
        let name = register.memberName ?? register.name
        id = "\(block).\(DeviceReference.id(name))"
        self.name = name
        offset = register.offset
        width = register.width
        access = register.access.summary
        reset = register.reset
        description = register.description
        array = register.array.map { "\($0.count) × every \(Hex.string($0.stride)) bytes" }
        aliasOf = register.aliasOf.map { target in
            let targetName = register.memberName == nil ? target : String(target.dropFirst(register.name.count - name.count))
            return ("\(block).\(DeviceReference.id(targetName))", targetName)
        }
        let registerID = id
        fields = register.fields.map { FieldReference($0, register: registerID) }
    }
}

struct FieldReference {
    let id: String
    let name: String
    let bits: BitRange
    /// The access kind's spec spelling, which styles its box.
    let accessKind: String
    let access: String
    let reset: UInt64
    let description: String?
    /// Named values (an enumeration) or named bits (flags).
    let values: [(name: String, value: UInt64)]
    let isFlags: Bool

    init(_ field: FieldSpec, register: String) {
        id = "\(register).\(DeviceReference.id(field.name))"
        name = field.name
        bits = field.bits
        accessKind = field.access.rawValue
        access = field.access.summary
        reset = field.reset
        description = field.description
        isFlags = !field.flags.isEmpty
        values = (isFlags ? field.flags : field.enumeration).map { ($0.name, $0.value) }
    }
}
