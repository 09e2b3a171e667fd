import DriverSpec

/// A register block: one BAR, or configuration space.
struct BlockViewModel {
    struct Member {
        let docLines: [String]
        let name: String
        let isArray: Bool
        /// For an alias, its `AliasRegister` action; nil for a register.
        let aliasAction: String?
        let valueType: String
        let access: String
        let offset: String
        let count: Int
        let stride: String
    }

    let docLines: [String]
    let typeName: String
    let barIndex: Int?
    let members: [Member]
    let separator: Bool

    init(bar: BarSpec, separator: Bool) {
        typeName = GeneratedNames.barBlockType(bar.name)
        barIndex = bar.index
        self.separator = separator
        let kind = "\(bar.kind == .mem64 ? "64-bit" : "32-bit")\(bar.prefetchable ? " prefetchable" : "") memory"
        docLines = DocComment.lines(bar.description, then: ["Registers of BAR \(bar.index) `\(bar.name)`: \(kind), \(SwiftLiteral.hex(bar.size)) bytes."])
        members = bar.registers.map(Self.member)
    }

    init(peripheral: BarSpec, separator: Bool) {
        typeName = GeneratedNames.barBlockType(peripheral.name)
        barIndex = nil
        self.separator = separator
        let derived = peripheral.derivedFrom.map { ", the registers of `\($0)`" } ?? ""
        docLines = DocComment.lines(
            peripheral.description,
            then: ["Registers of peripheral `\(peripheral.name)` at \(SwiftLiteral.hex(peripheral.address ?? 0)), \(SwiftLiteral.hex(peripheral.size)) bytes\(derived)."])
        members = peripheral.registers.map(Self.member)
    }

    init(configRegisters: [RegisterSpec], separator: Bool) {
        typeName = GeneratedNames.configBlockType
        barIndex = nil
        self.separator = separator
        docLines = ["/// Device-specific registers in PCI configuration space."]
        members = configRegisters.map(Self.member)
    }

    private static func member(_ register: RegisterSpec) -> Member {
        let at =
            register.aliasOf.map {
                "At \(SwiftLiteral.hex(register.offset)): an alias of `\(GeneratedNames.register(memberName(of: $0, in: register)))`, \(register.isWriteOnly ? "write-only, " : "")\(register.access.summary)."
            }
            ?? "At \(SwiftLiteral.hex(register.offset))."
        return Member(
            docLines: DocComment.lines(register.description, then: [at]),
            name: Spelling.member(GeneratedNames.register(register.memberName ?? register.name)),
            isArray: register.array != nil,
            aliasAction: register.aliasOf == nil ? nil : "RegisterCore.\(aliasAction(register.access))",
            valueType: GeneratedNames.registerType(register.aliasOf ?? register.name),
            access: RegisterViewModel.access(register).marker,
            offset: SwiftLiteral.hex(register.offset),
            count: register.array?.count ?? 1,
            stride: SwiftLiteral.hex(register.array?.stride ?? register.byteWidth))
    }

    /// The name `target` has in the block: in a microcontroller's peripheral, without the
    /// peripheral's prefix that `register`'s own name has too.
    private static func memberName(of target: String, in register: RegisterSpec) -> String {
        guard let member = register.memberName else { return target }
        return String(target.dropFirst(register.name.count - member.count))
    }

    /// The one thing writing an alias does to the state it shares.
    static func aliasAction(_ access: AccessKind) -> String {
        switch access {
        case .w1s: "SetsOnes"
        case .w1c, .rcW1c: "ClearsOnes"
        case .w1t: "TogglesOnes"
        case .rw, .wo, .w1, .rw1: "StoresValue"
        default: "IgnoresWrites"
        }
    }
}
