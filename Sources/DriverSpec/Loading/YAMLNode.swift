/// A YAML node with the place it was written; the loader's own tree, built from libyaml's events.
final class YAMLNode {
    enum Kind {
        /// A scalar's text; `quoted` when it was written in quotes or as a block scalar.
        case scalar(String, quoted: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    let kind: Kind
    let location: SourceLocation

    init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The scalar text, or nil for a collection.
    var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// A plain `~`, `null` or empty scalar.
    var isNull: Bool {
        if case .scalar(let text, quoted: false) = kind {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// How the node is described in "expected X, found Y" messages.
    var kindDescription: String {
        switch kind {
        case .scalar where isNull: return "nothing"
        case .scalar(let text, _): return "'\(text.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
