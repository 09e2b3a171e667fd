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
        reportCollisions(in: registers, what: "register", converting: GeneratedNames.member)
        reportCollisions(in: blocks, what: "BAR", converting: GeneratedNames.member)
        // Register value types and BAR block types share the device namespace.
        var types = registers + blocks
        if !spec.configRegisters.isEmpty {
            types.append(NamedItem(name: GeneratedNames.configBlockType, location: spec.source["config"], kind: "configuration block"))
        }
        reportCollisions(in: types, what: "type", converting: GeneratedNames.registerType) { first, second in
            // Two registers whose property names collide were reported above.
            first.kind == "register" && second.kind == "register"
                && GeneratedNames.member(first.name) == GeneratedNames.member(second.name)
        }
        if let sources = spec.interrupts?.sources {
            reportCollisions(
                in: sources.map { NamedItem(name: $0.name, location: $0.source["name"], kind: "interrupt source") },
                what: "interrupt source", converting: GeneratedNames.interruptHandler)
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
