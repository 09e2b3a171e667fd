/// A named spec element, as name-collision checks see it.
struct NamedItem {
    var name: String
    var location: SourceLocation
    var kind: String
    /// The Swift name, when it is not the one the collision check converts `name` to.
    var swiftName: String? = nil
}

extension SpecValidator {
    /// Sibling names must be unique, also once turned into Swift identifiers (rule 7).
    func checkNames() {
        let blocks = spec.bars.map { NamedItem(name: $0.name, location: $0.source["name"], kind: spec.isMicrocontroller ? "peripheral" : "BAR") }
        let registers = spec.allRegisters.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "register") }
        reportCollisions(in: registers, converting: GeneratedNames.register)
        reportCollisions(in: blocks, converting: GeneratedNames.bar)
        // Register value types, BAR block types, structures and rings (with their layouts)
        // share the device namespace, whose own name they must not take.
        var types = registers + blocks
        types += spec.structures.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "structure") }
        for ring in spec.rings {
            types.append(NamedItem(name: ring.name, location: ring.source["name"], kind: "ring"))
            types.append(
                NamedItem(
                    name: ring.name, location: ring.source["name"], kind: "ring layout",
                    swiftName: GeneratedNames.ringLayoutType(ring.name)))
        }
        types.append(NamedItem(name: spec.name, location: spec.source["name"], kind: "device"))
        if !spec.configRegisters.isEmpty {
            types.append(NamedItem(name: GeneratedNames.configBlockType, location: spec.source["config"], kind: "configuration block"))
        }
        reportCollisions(in: types, converting: GeneratedNames.registerType) { first, second in
            // Two registers whose property names collide were reported above; two rings' layouts
            // collide exactly when the rings do, which is reported for the rings.
            (first.kind == "register" && second.kind == "register"
                && GeneratedNames.register(first.name) == GeneratedNames.register(second.name))
                || (first.kind == "ring layout" && second.kind == "ring layout")
        }
        if let lines = spec.microcontroller?.interrupts {
            reportCollisions(
                in: lines.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "interrupt") },
                converting: GeneratedNames.interruptHandler)
            var numbers: [Int: MicrocontrollerInterrupt] = [:]
            for line in lines {
                if let first = numbers[line.number] {
                    sink.error(
                        line.source["number"], "interrupt '\(line.name)' has number \(line.number), as '\(first.name)' does (at \(first.source["number"]))",
                        hint: "each line of the vector table has one handler")
                } else {
                    numbers[line.number] = line
                }
            }
        }
        if let sources = spec.interrupts?.sources {
            reportCollisions(
                in: sources.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "interrupt source") },
                converting: GeneratedNames.interruptHandler)
        }
    }

    /// Every name must give a Swift identifier: it needs a letter or digit.
    func checkNamesHaveLetters() {
        // Names are checked first and located only when they fail: a chip has thousands.
        func check(_ name: String, _ kind: String, at location: @autoclosure () -> SourceLocation) {
            guard !SwiftName.canName(name) else { return }
            sink.error(location(), "\(kind) name '\(name)' has no letters or digits to make a Swift name from")
        }
        for bar in spec.bars { check(bar.name, "BAR", at: bar.source["name"]) }
        for register in spec.allRegisters {
            check(register.name, "register", at: register.source["name"])
            for field in register.fields where !field.isImplicit {
                check(field.name, "field", at: field.source["name"])
                for value in field.enumeration { check(value.name, "enum value", at: value.source.element) }
                for flag in field.flags { check(flag.name, "flag", at: flag.source.element) }
            }
        }
        for source in spec.interrupts?.sources ?? [] { check(source.name, "interrupt source", at: source.source["name"]) }
    }

    /// Reports each name whose converted form was already taken by an earlier sibling.
    func reportCollisions(
        in items: [NamedItem], converting convert: (String) -> String,
        alreadyReported: ((_ first: NamedItem, _ second: NamedItem) -> Bool)? = nil
    ) {
        guard items.count > 1 else { return }
        // Most lists (a register's fields, an enumeration's cases) are short: searching them in
        // order costs less than hashing every name; long ones (a BAR's registers) are hashed.
        let hashed = items.count > 16
        var seen: [String: NamedItem] = [:]
        var seenInOrder: [(name: String, item: NamedItem)] = []
        if !hashed { seenInOrder.reserveCapacity(items.count) }
        for item in items.sorted(by: { $0.location < $1.location }) {
            let converted = item.swiftName ?? convert(item.name)
            let earlier = hashed ? seen[converted] : seenInOrder.first { $0.name == converted }?.item
            guard let first = earlier else {
                if hashed { seen[converted] = item } else { seenInOrder.append((converted, item)) }
                continue
            }
            let firstAt = "line \(first.location.line)"
            if alreadyReported?(first, item) == true {
                continue
            } else if first.name == item.name && first.kind == item.kind {
                sink.error(item.location, "duplicate \(item.kind) name '\(item.name)' (first at \(firstAt))", hint: "rename one of them")
            } else {
                let firstDescription = first.kind == item.kind ? "'\(first.name)'" : "\(first.kind) '\(first.name)'"
                sink.error(
                    item.location,
                    "\(item.kind) '\(item.name)' collides with \(firstDescription) (\(firstAt)): both become the Swift name '\(converted)'",
                    hint: "rename one of them")
            }
        }
    }
}
