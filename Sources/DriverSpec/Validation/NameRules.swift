/// A named spec element, as name-collision checks see it.
struct NamedItem {
    var name: String
    var location: SourceLocation
    var kind: String
}

extension SpecValidator {
    /// Sibling names must be unique, also once turned into Swift identifiers (rule 7).
    func checkNames() {
        let blocks = spec.bars.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "BAR") }
        let registers = spec.allRegisters.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "register") }
        reportCollisions(in: registers, what: "register", converting: GeneratedNames.register)
        reportCollisions(in: blocks, what: "BAR", converting: GeneratedNames.bar)
        // Register value types and BAR block types share the device namespace, whose own name they must not take.
        var types = registers + blocks
        types.append(NamedItem(name: spec.name, location: spec.source["name"], kind: "device"))
        if !spec.configRegisters.isEmpty {
            types.append(NamedItem(name: GeneratedNames.configBlockType, location: spec.source["config"], kind: "configuration block"))
        }
        reportCollisions(in: types, what: "type", converting: GeneratedNames.registerType) { first, second in
            // Two registers whose property names collide were reported above.
            first.kind == "register" && second.kind == "register"
                && GeneratedNames.register(first.name) == GeneratedNames.register(second.name)
        }
        if let sources = spec.interrupts?.sources {
            reportCollisions(
                in: sources.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "interrupt source") },
                what: "interrupt source", converting: GeneratedNames.interruptHandler)
        }
    }

    /// Every name must give a Swift identifier: it needs a letter or digit.
    func checkNamesHaveLetters() {
        var items: [NamedItem] = spec.bars.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "BAR") }
        for register in spec.allRegisters {
            items.append(NamedItem(name: register.name, location: register.source["name"], kind: "register"))
            for field in register.fields where !field.isImplicit {
                items.append(NamedItem(name: field.name, location: field.source["name"], kind: "field"))
                items += field.enumeration.map { NamedItem(name: $0.name, location: $0.source.element, kind: "enum value") }
                items += field.flags.map { NamedItem(name: $0.name, location: $0.source.element, kind: "flag") }
            }
        }
        items += (spec.interrupts?.sources ?? []).map { NamedItem(name: $0.name, location: $0.source["name"], kind: "interrupt source") }
        for item in items where !SwiftName.canName(item.name) {
            sink.error(item.location, "\(item.kind) name '\(item.name)' has no letters or digits to make a Swift name from")
        }
    }

    /// Reports each name whose converted form was already taken by an earlier sibling.
    func reportCollisions(
        in items: [NamedItem], what: String, converting convert: (String) -> String,
        alreadyReported: ((_ first: NamedItem, _ second: NamedItem) -> Bool)? = nil
    ) {
        var seen: [String: NamedItem] = [:]
        for item in items.sorted(by: { $0.location < $1.location }) {
            let converted = convert(item.name)
            guard let first = seen[converted] else {
                seen[converted] = item
                continue
            }
            let firstAt = "line \(first.location.line)"
            if alreadyReported?(first, item) == true {
                continue
            } else if first.name == item.name && first.kind == item.kind {
                sink.error(item.location, "duplicate \(what) name '\(item.name)' (first at \(firstAt))", hint: "rename one of them")
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
