import DriverSpec

/// What the driver templates need: the base class (regenerated) and the user's subclass (created once).
struct DriverViewModel {
    struct BarBinding {
        let property: String
        /// A register block over a provider bus, or the bus itself for a BAR of plain memory.
        let type: String
        /// The expression that builds it from the service's bus of the BAR.
        let construction: String
        let index: Int
        let docLines: [String]
    }

    struct StatusRead {
        let variable: String
        let expression: String
    }

    struct Dispatch {
        let condition: String?
        let handler: String
        let acknowledge: String?
    }

    struct Vector {
        let vector: Int
        let method: String
        let statusReads: [StatusRead]
        let dispatches: [Dispatch]
    }

    struct Handler {
        let name: String
        let docLines: [String]
        let userDocLines: [String]
        /// The comment in the user's stub: whether the base class acknowledges the source.
        let stubComment: String
        let isLastHandler: Bool
    }

    let header: String
    let userHeader: String
    let namespace: String
    let className: String
    let baseClassName: String
    let baseDocLines: [String]
    let userDocLines: [String]
    let isStorage: Bool
    let bars: [BarBinding]
    let hasConfigSpace: Bool
    let hasInterrupts: Bool
    /// The device may lack the capability: start goes on without interrupts.
    let interruptsOptional: Bool
    let interruptType: String
    let vectorCount: Int
    let vectors: [Vector]
    let handlers: [Handler]
    /// Statements that turn every source on at the device (start), and off (stop).
    let enableStatements: [String]
    let disableStatements: [String]
    let hasDisableStatements: Bool

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        userHeader = GeneratedHeader.userSwiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        className = spec.driver.className
        baseClassName = spec.driver.className + "Base"
        isStorage = spec.isStorage
        baseDocLines = DocComment.lines(
            "The lifecycle of `\(spec.driver.className)`, generated from `\(specFileName)`: opens the device, enables memory decoding and bus mastering, maps the BARs, configures \(spec.interrupts.map { $0.kind == .msi ? "MSI" : "MSI-X" } ?? "no interrupts") and dispatches interrupts to the handlers `\(spec.driver.className)` implements. The handlers are its requirements: leaving one out is a compile error."
                + (spec.isStorage ? " As an external storage driver it sets `Physical Interconnect Location` = `External` before touching the device." : ""))
        userDocLines = DocComment.lines(
            spec.description,
            then: [
                "The driver: fill in what the device does when it interrupts; `\(spec.driver.className)Base` runs the lifecycle. Set your device up in `didStart()` and quiesce it in `willStop()`."
            ])
        bars = Self.barBindings(spec)
        hasConfigSpace = !spec.configRegisters.isEmpty
        let interrupts = spec.interrupts
        hasInterrupts = interrupts != nil
        interruptsOptional = interrupts?.isOptional ?? false
        interruptType = interrupts?.kind == .msix ? ".msix" : ".msi"
        vectorCount = interrupts?.vectors ?? 0
        let access = RegisterAccessPaths(spec)
        vectors = (0..<(interrupts?.vectors ?? 0)).map { vector in Self.vector(vector, spec: spec, paths: access) }
        let sources = interrupts?.sources ?? []
        handlers = sources.enumerated().map { index, source in
            let where_ = source.status.map { " and `\($0)` is set" } ?? ""
            let detail =
                "Called isolated to the driver, on its queue, when vector \(source.vector) fires\(where_); `count` is how many interrupts arrived since the last call, `time` when the first of them did."
            return Handler(
                name: GeneratedNames.interruptHandler(source.name),
                docLines: DocComment.lines(source.description, then: [detail]),
                userDocLines: DocComment.lines(source.description ?? "The `\(source.name)` interrupt."),
                stubComment: source.acknowledge.map { "Handle the interrupt here. The generated base acknowledges it (`\($0)`) when this returns." }
                    ?? "Handle the interrupt here. The spec names no acknowledge for it: clear its cause here if the device needs that.",
                isLastHandler: index == sources.count - 1)
        }
        (enableStatements, disableStatements) = Self.switchStatements(spec, paths: access)
        hasDisableStatements = !disableStatements.isEmpty
    }

    /// The BARs the driver maps: each with registers gets its register block, each of plain
    /// memory its bus; a BAR that only holds MSI-X structures is the system's business.
    private static func barBindings(_ spec: DeviceSpec) -> [BarBinding] {
        let msixBARs = Set([spec.interrupts?.msixTable?.bar, spec.interrupts.flatMap(MSIXLayout.pba)?.bar].compactMap { $0 })
        let bus = "DriverRuntime.ProviderMemoryBus"
        return spec.bars.filter { !$0.registers.isEmpty || !msixBARs.contains($0.index) }.map { bar in
            let property = GeneratedNames.bar(bar.name)
            let serviceBus = "service.memoryBus(bar: \(bar.index))"
            if bar.registers.isEmpty {
                return BarBinding(
                    property: Spelling.member(property), type: bus, construction: serviceBus, index: bar.index,
                    docLines: DocComment.lines("The memory of BAR \(bar.index) `\(bar.name)` (no registers), byte offsets from its start; valid from `start` to `stop`."))
            }
            let block = "\(GeneratedNames.namespace(spec.name)).\(GeneratedNames.barBlockType(bar.name))"
            return BarBinding(
                property: Spelling.member(property), type: "\(block)<\(bus)>", construction: "\(block)(bus: \(serviceBus))",
                index: bar.index, docLines: DocComment.lines("The registers of BAR \(bar.index) `\(bar.name)`; valid from `start` to `stop`."))
        }
    }

    private static func vector(_ vector: Int, spec: DeviceSpec, paths: RegisterAccessPaths) -> Vector {
        let sources = spec.interrupts?.sources(onVector: vector) ?? []
        var reads: [StatusRead] = []
        var dispatches: [Dispatch] = []
        for source in sources {
            var condition: String?
            if let status = source.status, let register = spec.register(named: status.register) {
                // A suffix keeps the local clear of keywords and of the handler's `count` and `time`.
                let variable = SwiftName.lowerCamel(register.name) + "Value"
                if !reads.contains(where: { $0.variable == variable }) {
                    reads.append(StatusRead(variable: variable, expression: "\(paths.path(register)).read()"))
                }
                if let field = status.field.flatMap(register.field(named:)), field.bits.width == 1, field.enumeration.isEmpty, field.flags.isEmpty {
                    condition = "\(variable).\(Spelling.member(GeneratedNames.field(field.name)))"
                } else {
                    condition = "\(variable).rawValue & \(SwiftLiteral.hex(status.mask(in: register))) != 0"
                }
            }
            dispatches.append(
                Dispatch(
                    condition: condition, handler: GeneratedNames.interruptHandler(source.name),
                    acknowledge: acknowledgement(source, spec: spec, paths: paths)))
        }
        return Vector(vector: vector, method: "vector\(vector)InterruptOccurred", statusReads: reads, dispatches: dispatches)
    }

    /// The statement that acknowledges `source`, if it names an acknowledge register.
    private static func acknowledgement(_ source: InterruptSource, spec: DeviceSpec, paths: RegisterAccessPaths) -> String? {
        guard let reference = source.acknowledge, let register = spec.register(named: reference.register) else { return nil }
        let path = paths.path(register)
        guard let fieldName = reference.field, let field = register.field(named: fieldName) else {
            let statusMask = source.status.flatMap { status in spec.register(named: status.register).map { status.mask(in: $0) } } ?? register.widthMask
            if register.aliasOf != nil { return "\(path).\(aliasMethod(register.access))(.init(rawValue: \(SwiftLiteral.hex(statusMask & register.widthMask))))" }
            return "\(path).\(writeMethod(register, except: nil)) { $0.rawValue |= \(SwiftLiteral.hex(statusMask & register.widthMask)) }"
        }
        let option = optionExpression(field, bit: reference.bit, register: register)
        if register.aliasOf != nil {
            return "\(path).\(aliasMethod(register.access))(\(option))"
        }
        let property = Spelling.member(GeneratedNames.field(field.name))
        switch field.access {
        case .w1c, .rcW1c, .w0c:
            return "\(path).\(writeMethod(register, except: field.name)) { $0.clear(\(option)) }"
        default:
            let value: String
            if let bit = reference.bit {
                value = "\(SwiftLiteral.hex(UInt64(1) << UInt64(bit)))"
            } else {
                value =
                    field.bits.width == 1 && field.enumeration.isEmpty && field.flags.isEmpty
                    ? "true"
                    : field.enumeration.isEmpty && field.flags.isEmpty ? SwiftLiteral.hex(field.bits.maxValue) : ".init(rawValue: \(SwiftLiteral.hex(field.bits.maxValue)))"
            }
            return "\(path).\(writeMethod(register, except: field.name)) { $0.\(property) = \(value) }"
        }
    }

    /// `write` starts from the reset value; `modify` keeps the register's other stored fields.
    private static func writeMethod(_ register: RegisterSpec, except field: String?) -> String {
        register.isReadable && register.fields.contains { $0.access.storesWrittenValue && $0.name != field } ? "modify" : "write"
    }

    /// The method an alias offers for writing 1 bits: `set`, `clear` or `toggle`.
    private static func aliasMethod(_ access: AccessKind) -> String {
        switch access {
        case .w1s: "set"
        case .w1t: "toggle"
        default: "clear"
        }
    }

    /// `.field`, or `.field(0x8)` for one bit of a field of several bits.
    private static func optionExpression(_ field: FieldSpec, bit: Int?, register: RegisterSpec) -> String {
        let name = Spelling.member(GeneratedNames.field(field.name))
        guard let bit, field.bits.width > 1 else { return ".\(name)" }
        return ".\(name)(\(SwiftLiteral.hex(UInt64(1) << UInt64(bit))))"
    }

    /// The statements that turn every source on (in start) and off (in stop), one per register
    /// and kind of write, in the order the sources come.
    private static func switchStatements(_ spec: DeviceSpec, paths: RegisterAccessPaths) -> (on: [String], off: [String]) {
        var on = StatementGroups(), off = StatementGroups()
        for source in spec.interrupts?.sources ?? [] {
            guard case .success(let control)? = SourceSwitch.of(source, in: spec) else { continue }
            on.add(control.on, paths: paths)
            off.add(control.off, paths: paths)
        }
        return (on.statements, off.statements)
    }
}

/// Operations on the same register, merged into one statement each.
private struct StatementGroups {
    private var order: [String] = []
    private var parts: [String: (prefix: String, items: [String], suffix: String, separator: String)] = [:]

    var statements: [String] {
        order.map { key in
            let group = parts[key]!
            let items = group.items.count > 1 && group.separator == ", " ? "[" + group.items.joined(separator: ", ") + "]" : group.items.joined(separator: group.separator)
            return group.prefix + items + group.suffix
        }
    }

    mutating func add(_ operation: SourceSwitch.Operation, paths: RegisterAccessPaths) {
        switch operation {
        case let .modify(register, field, bit, to):
            let property = "$0.\(Spelling.member(GeneratedNames.field(field.name)))"
            let item: String
            if let bit, field.bits.width > 1 {
                let value = SwiftLiteral.hex(UInt64(1) << UInt64(bit))
                item = to ? "\(property) |= \(value)" : "\(property) &= ~\(value)"
            } else if field.bits.width == 1 && field.enumeration.isEmpty && field.flags.isEmpty {
                item = "\(property) = \(to)"
            } else {
                item = "\(property) = \(to ? SwiftLiteral.hex(field.bits.maxValue) : "0")"
            }
            append(key: "modify \(register.name)", prefix: "\(paths.path(register)).modify { ", item: item, suffix: " }", separator: "; ")
        case let .writeOnes(register, field, bit):
            let name = Spelling.member(GeneratedNames.field(field.name))
            let option = bit.map { field.bits.width > 1 ? ".\(name)(\(SwiftLiteral.hex(UInt64(1) << UInt64($0))))" : ".\(name)" } ?? ".\(name)"
            let method = field.access == .w1s ? "set" : "clear"
            if register.aliasOf != nil {
                append(key: "alias \(register.name)", prefix: "\(paths.path(register)).\(method)(", item: option, suffix: ")", separator: ", ")
            } else {
                append(key: "write \(register.name)", prefix: "\(paths.path(register)).write { $0.\(method)(", item: option, suffix: ") }", separator: ", ")
            }
        }
    }

    private mutating func append(key: String, prefix: String, item: String, suffix: String, separator: String) {
        if parts[key] == nil {
            order.append(key)
            parts[key] = (prefix, [], suffix, separator)
        }
        parts[key]!.items.append(item)
    }
}

/// How generated driver code reaches a register: `self.mmio.interruptStatus`, `self.configSpace.vendorLink`.
struct RegisterAccessPaths {
    private var blockOfRegister: [String: String] = [:]

    init(_ spec: DeviceSpec) {
        for register in spec.configRegisters { blockOfRegister[register.name] = "configSpace" }
        for bar in spec.bars {
            for register in bar.registers { blockOfRegister[register.name] = Spelling.member(GeneratedNames.bar(bar.name)) }
        }
    }

    /// `self.` keeps a BAR named like a handler parameter (`count`, `time`) reachable.
    func path(_ register: RegisterSpec) -> String {
        "self.\(blockOfRegister[register.name] ?? "configSpace").\(Spelling.member(GeneratedNames.register(register.name)))"
    }
}
