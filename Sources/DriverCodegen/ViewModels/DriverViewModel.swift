import DriverSpec

/// What the driver templates need: the base class (regenerated) and the user's subclass (created once).
struct DriverViewModel {
    struct BarBinding {
        let property: String
        let storage: String
        /// A register block over a provider bus, or the bus itself for a BAR of plain memory.
        let type: String
        /// The expression that builds it from `bar<index>`.
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

    struct EnableRegister {
        let access: String
        let enable: [String]
        let disable: [String]
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
    let enableRegisters: [EnableRegister]

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        userHeader = "// Created by drivergen from \(specFileName), once. This file is yours: `drivergen generate` never overwrites it."
        namespace = GeneratedNames.namespace(spec.name)
        className = spec.driver.className
        baseClassName = spec.driver.className + "Base"
        isStorage = spec.isStorage
        baseDocLines = DocComment.lines(
            "The lifecycle of `\(spec.driver.className)`, generated from `\(specFileName)`: opens the device, enables memory decoding and bus mastering, maps the BARs, configures \(spec.interrupts.map { $0.kind == .msi ? "MSI" : "MSI-X" } ?? "no interrupts") and dispatches interrupts to the handler methods `\(spec.driver.className)` overrides."
                + (spec.isStorage ? " As an external storage driver it sets `Physical Interconnect Location` = `External` before touching the device." : ""))
        userDocLines = DocComment.lines(
            spec.description, then: ["The driver: fill in what the device does when it interrupts; `\(spec.driver.className)Base` runs the lifecycle."])
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
            let detail = "Called on `queue` when vector \(source.vector) fires\(where_); `count` is how many interrupts arrived since the last call, `time` when the first of them did."
            return Handler(
                name: GeneratedNames.interruptHandler(source.name),
                docLines: DocComment.lines(source.description, then: [detail]),
                userDocLines: DocComment.lines(source.description ?? "The `\(source.name)` interrupt."),
                stubComment: source.acknowledge.map { "Handle the interrupt here. The base class acknowledges it (`\($0)`) when this returns." }
                    ?? "Handle the interrupt here. The spec names no acknowledge for it: clear its cause here if the device needs that.",
                isLastHandler: index == sources.count - 1)
        }
        enableRegisters = Self.enableRegisters(spec, paths: access)
    }

    /// The BARs the driver maps: each with registers gets its register block, each of plain
    /// memory its bus; a BAR that only holds MSI-X structures is the system's business.
    private static func barBindings(_ spec: DeviceSpec) -> [BarBinding] {
        let msixBARs = Set([spec.interrupts?.msixTable?.bar, spec.interrupts.flatMap(MSIXLayout.pba)?.bar].compactMap { $0 })
        let bus = "DriverRuntime.ProviderMemoryBus"
        return spec.bars.filter { !$0.registers.isEmpty || !msixBARs.contains($0.index) }.map { bar in
            let property = GeneratedNames.bar(bar.name)
            let newBus = "\(bus)(provider: provider, memoryIndex: bar\(bar.index).memoryIndex)"
            if bar.registers.isEmpty {
                return BarBinding(
                    property: Spelling.member(property), storage: "_\(property)", type: bus, construction: newBus, index: bar.index,
                    docLines: DocComment.lines("The memory of BAR \(bar.index) `\(bar.name)` (no registers), byte offsets from its start; valid from `start` to `stop`."))
            }
            let block = "\(GeneratedNames.namespace(spec.name)).\(GeneratedNames.barBlockType(bar.name))"
            return BarBinding(
                property: Spelling.member(property), storage: "_\(property)", type: "\(block)<\(bus)>", construction: "\(block)(bus: \(newBus))",
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
                if let field = status.field.flatMap(register.field(named:)), field.bits.width == 1, field.enumeration.isEmpty {
                    condition = "\(variable).\(Spelling.member(GeneratedNames.field(field.name)))"
                } else {
                    let mask = status.field.flatMap(register.field(named:))?.bits.mask ?? register.widthMask
                    condition = "\(variable).rawValue & \(SwiftLiteral.hex(mask)) != 0"
                }
            }
            dispatches.append(Dispatch(
                condition: condition, handler: GeneratedNames.interruptHandler(source.name),
                acknowledge: acknowledgement(source, spec: spec, paths: paths)))
        }
        return Vector(vector: vector, method: "vector\(vector)InterruptOccurred", statusReads: reads, dispatches: dispatches)
    }

    /// The statement that acknowledges `source`, if it names an acknowledge register.
    private static func acknowledgement(_ source: InterruptSource, spec: DeviceSpec, paths: RegisterAccessPaths) -> String? {
        guard let reference = source.acknowledge, let register = spec.register(named: reference.register) else { return nil }
        let path = paths.path(register)
        // write {} starts from the reset value; keep fields that store values with modify {}.
        let keepsOtherFields = register.isReadable && register.fields.contains { $0.access.storesWrittenValue && $0.name != reference.field }
        let method = keepsOtherFields ? "modify" : "write"
        guard let fieldName = reference.field, let field = register.field(named: fieldName) else {
            let statusMask = source.status.flatMap { status in
                spec.register(named: status.register).map { register in status.field.flatMap(register.field(named:))?.bits.mask ?? register.widthMask }
            } ?? register.widthMask
            return "\(path).\(method) { $0.rawValue |= \(SwiftLiteral.hex(statusMask & register.widthMask)) }"
        }
        let property = Spelling.member(GeneratedNames.field(field.name))
        switch field.access {
        case .w1c, .rcW1c, .w0c:
            return "\(path).\(method) { $0.clear(.\(property)) }"
        default:
            let value = field.bits.width == 1 && field.enumeration.isEmpty ? "true" : field.enumeration.isEmpty ? SwiftLiteral.hex(field.bits.maxValue) : ".init(rawValue: \(SwiftLiteral.hex(field.bits.maxValue)))"
            return "\(path).\(method) { $0.\(property) = \(value) }"
        }
    }

    /// Device-level enable bits to set in start and clear in stop, one modify per register.
    private static func enableRegisters(_ spec: DeviceSpec, paths: RegisterAccessPaths) -> [EnableRegister] {
        var order: [String] = []
        var byRegister: [String: (enable: [String], disable: [String])] = [:]
        for source in spec.interrupts?.sources ?? [] {
            guard let reference = source.enable, let register = spec.register(named: reference.register) else { continue }
            let path = paths.path(register)
            if byRegister[path] == nil { order.append(path) }
            if let field = reference.field.flatMap(register.field(named:)) {
                let property = Spelling.member(GeneratedNames.field(field.name))
                let isBool = field.bits.width == 1 && field.enumeration.isEmpty
                byRegister[path, default: ([], [])].enable.append("$0.\(property) = \(isBool ? "true" : SwiftLiteral.hex(field.bits.maxValue))")
                byRegister[path, default: ([], [])].disable.append("$0.\(property) = \(isBool ? "false" : "0")")
            } else {
                byRegister[path, default: ([], [])].enable.append("$0.rawValue = \(SwiftLiteral.hex(register.widthMask))")
                byRegister[path, default: ([], [])].disable.append("$0.rawValue = 0")
            }
        }
        return order.map { EnableRegister(access: $0, enable: byRegister[$0]!.enable, disable: byRegister[$0]!.disable) }
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
