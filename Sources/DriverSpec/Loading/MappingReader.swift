/// Reads one YAML mapping of a known kind: reports unknown keys with a did-you-mean hint,
/// missing required keys, and remembers where each key was written.
struct MappingReader {
    let object: SpecObject
    let location: SourceLocation
    /// The known keys written, in order; a mapping has a handful, so a search in order beats
    /// hashing (composing already refused duplicate keys).
    private var entries: [(name: String, key: YAMLNode, value: YAMLNode)] = []
    private let sink: DiagnosticSink

    /// Nil (with a diagnostic) when `node` is not a mapping.
    init?(_ node: YAMLNode, as object: SpecObject, sink: DiagnosticSink) {
        self.object = object
        self.location = node.location
        self.sink = sink
        guard case .mapping(let pairs) = node.kind else {
            sink.error(node.location, "expected a mapping for \(object.phrase(named: nil)), found \(node.kindDescription)")
            return nil
        }
        let known = object.keys
        entries.reserveCapacity(pairs.count)
        // Messages name the mapping; build that phrase only for a message.
        var place: String { object.phrase(named: pairs.first { $0.key.scalar == "name" }?.value.scalar) }
        for pair in pairs {
            guard let key = pair.key.scalar else {
                sink.error(pair.key.location, "keys of \(place) must be plain names")
                continue
            }
            if known.contains(key) {
                entries.append((key, pair.key, pair.value))
            } else {
                sink.error(
                    pair.key.location, "unknown key '\(key)' in \(place)",
                    hint: Suggestions.didYouMean(key, in: known) ?? "expected one of: \(known.joined(separator: ", "))")
            }
        }
        for key in object.requiredKeys where !has(key) {
            sink.error(location, "\(place) is missing '\(key)'")
        }
    }

    /// The value node of `key`, if written.
    subscript(key: String) -> YAMLNode? { entries.first { $0.name == key }?.value }

    /// Whether `key` was written.
    func has(_ key: String) -> Bool { entries.contains { $0.name == key } }

    /// Locations of every written key's value, for the model's source map.
    var sourceMap: SourceMap {
        SourceMap(element: location, written: entries.map { ($0.name, $0.value.location) })
    }

    // MARK: Typed values

    func string(_ key: String) -> Located<String>? {
        guard let node = self[key] else { return nil }
        return ValueReader(sink: sink).string(node, what: "'\(key)'")
    }

    func bool(_ key: String) -> Located<Bool>? {
        guard let node = self[key] else { return nil }
        return ValueReader(sink: sink).bool(node, what: "'\(key)'")
    }

    func integer(_ key: String, max: UInt64) -> Located<UInt64>? {
        guard let node = self[key] else { return nil }
        return ValueReader(sink: sink).integer(node, what: "'\(key)'", max: max)
    }

    func list(_ key: String) -> [YAMLNode]? {
        guard let node = self[key] else { return nil }
        return ValueReader(sink: sink).list(node, what: "'\(key)'")
    }

    /// A string that must be one of `choices` (an enumeration keyword).
    func keyword(_ key: String, choices: [String]) -> Located<String>? {
        guard let text = string(key) else { return nil }
        guard choices.contains(text.value) else {
            sink.error(
                text.location, "'\(text.value)' is not a valid '\(key)'",
                hint: Suggestions.didYouMean(text.value, in: choices) ?? "expected one of: \(choices.joined(separator: ", "))")
            return nil
        }
        return text
    }
}

/// Converts scalar nodes to typed values, reporting type and range errors. `what` names the
/// value in messages; it is only built when there is one to write.
struct ValueReader {
    let sink: DiagnosticSink

    func string(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            sink.error(node.location, "expected text for \(what()), found \(node.kindDescription)")
            return nil
        }
        return Located(text, at: node.location)
    }

    func bool(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<Bool>? {
        switch node.kind {
        case .scalar("true", quoted: false): return Located(true, at: node.location)
        case .scalar("false", quoted: false): return Located(false, at: node.location)
        default:
            sink.error(node.location, "expected true or false for \(what()), found \(node.kindDescription)")
            return nil
        }
    }

    func integer(_ node: YAMLNode, what: @autoclosure () -> String, max: UInt64) -> Located<UInt64>? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            sink.error(node.location, "expected a number for \(what()), found \(node.kindDescription)")
            return nil
        }
        switch NumberLiteral.parse(text) {
        case .value(let value) where value <= max:
            return Located(value, at: node.location)
        case .value, .overflow:
            sink.error(node.location, "\(what()) is \(text), out of range", hint: "the largest allowed value is \(Hex.string(max)) (\(max))")
        case .negative:
            sink.error(node.location, "\(what()) must not be negative")
        case .invalid:
            sink.error(
                node.location, "expected a number for \(what()), found '\(text.prefix(40))'",
                hint: "write numbers in hex (0x1F), binary (0b1010) or decimal, with optional '_' separators")
        }
        return nil
    }

    func list(_ node: YAMLNode, what: @autoclosure () -> String) -> [YAMLNode]? {
        if case .sequence(let items) = node.kind { return items }
        sink.error(node.location, "expected a list for \(what()), found \(node.kindDescription)")
        return nil
    }
}
