import CYAML

/// Reads libyaml's event stream straight into the loader's located nodes: one pass, no
/// intermediate tree. Refuses, each as a located diagnostic, what a spec may not hold: a second
/// document, duplicate keys, anchors and aliases, nesting deeper than `maximumDepth`, more than
/// `nodeLimit` nodes.
struct YAMLComposer {
    /// Deepest nesting of collections a spec may have (libyaml itself has no limit).
    static let maximumDepth = 1000

    /// A collection being read: its start and what it holds so far.
    private struct Frame {
        let location: SourceLocation
        let isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// Where each scalar key was first written; built once a mapping has many keys, so that
        /// checking for duplicates stays linear on mappings with thousands of keys.
        var keyLines: [String: Int]?

        func node() -> YAMLNode {
            YAMLNode(kind: isMapping ? .mapping(pairs) : .sequence(items), location: location)
        }
    }

    private let file: String
    private let text: String
    private let nodeLimit: Int
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var nodes = 0
    private var documents = 0

    /// Parses `text` (already checked to be UTF-8 without control characters); nil when the
    /// stream holds no document.
    static func compose(_ text: String, file: String, nodeLimit: Int) -> Result<YAMLNode?, Diagnostic> {
        var composer = YAMLComposer(file: file, text: text, nodeLimit: nodeLimit)
        var bytes = text
        return bytes.withUTF8 { composer.run($0) }
    }

    private init(file: String, text: String, nodeLimit: Int) {
        self.file = file
        self.text = text
        self.nodeLimit = nodeLimit
    }

    private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, Diagnostic> {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            return .failure(.error(at: .start(of: file), "the YAML parser ran out of memory"))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                return .failure(parserDiagnostic(parser.pointee, bytes: bytes))
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return .success(root) }
            if let diagnostic = take(event) { return .failure(diagnostic) }
        }
    }

    /// Adds what `event` says to the tree; a diagnostic when the spec may not hold it.
    private mutating func take(_ event: yaml_event_t) -> Diagnostic? {
        // Only nodes and documents have a place worth keeping; ends are the most common events.
        if event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT {
            return stack.popLast().flatMap { finished in place(finished.node()) }
        }
        let location = self.location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return .error(at: location, "a spec holds one YAML document; found a second one", hint: "remove the '---' separator or split the file")
            }
        case YAML_SCALAR_EVENT:
            if event.data.scalar.anchor != nil { return anchorDiagnostic(at: location) }
            let scalar = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
            return add(YAMLNode(kind: .scalar(value, quoted: quoted), location: location))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if (isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor) != nil {
                return anchorDiagnostic(at: location)
            }
            if let refusal = count(at: location) { return refusal }
            if stack.count >= Self.maximumDepth {
                return .error(at: location, "invalid YAML: nesting is deeper than \(Self.maximumDepth) levels")
            }
            stack.append(Frame(location: location, isMapping: isMapping))
        case YAML_ALIAS_EVENT:
            return .error(at: location, "YAML aliases are not supported in specs", hint: Self.anchorHint)
        default:
            break
        }
        return nil
    }

    private static let anchorHint = "write the node out, use a register array (count, stride), or quote the text"

    private func anchorDiagnostic(at location: SourceLocation) -> Diagnostic {
        .error(at: location, "YAML anchors are not supported in specs", hint: Self.anchorHint)
    }

    /// Counts a node against the limit.
    private mutating func count(at location: SourceLocation) -> Diagnostic? {
        nodes += 1
        guard nodes > nodeLimit else { return nil }
        return .error(at: location, "the spec holds more than \(nodeLimit) YAML nodes", hint: "split the device description")
    }

    private mutating func add(_ scalar: YAMLNode) -> Diagnostic? {
        count(at: scalar.location) ?? place(scalar)
    }

    /// Puts a finished node into the collection being read, or makes it the root.
    private mutating func place(_ node: YAMLNode) -> Diagnostic? {
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return nil
        }
        guard let key = stack[top].pendingKey else {
            if let duplicate = Self.duplicateKey(node, in: &stack[top]) { return duplicate }
            stack[top].pendingKey = node
            return nil
        }
        stack[top].pairs.append((key, node))
        stack[top].pendingKey = nil
        return nil
    }

    /// A diagnostic at `key` when the mapping already has it; otherwise records it.
    private static func duplicateKey(_ key: YAMLNode, in frame: inout Frame) -> Diagnostic? {
        guard case .scalar(let name, _) = key.kind else { return nil }
        var firstLine: Int?
        if frame.keyLines != nil {
            firstLine = frame.keyLines?[name]
        } else {
            firstLine = frame.pairs.first { $0.key.scalar == name }?.key.location.line
            if firstLine == nil, frame.pairs.count >= 16 {
                var lines: [String: Int] = [:]
                for pair in frame.pairs {
                    if let scalar = pair.key.scalar, lines[scalar] == nil { lines[scalar] = pair.key.location.line }
                }
                frame.keyLines = lines
            }
        }
        if let firstLine {
            return .error(at: key.location, "duplicate key '\(name)' (first at line \(firstLine))", hint: "each key may appear once in a mapping")
        }
        if frame.keyLines != nil { frame.keyLines?[name] = key.location.line }
        return nil
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    // MARK: libyaml's errors

    private func parserDiagnostic(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .error(at: .start(of: file), "the YAML parser ran out of memory")
        case YAML_READER_ERROR:
            return .error(at: .of(byte: parser.problem_offset, in: bytes, file: file), "invalid YAML text: \(problem)")
        default:
            var location = self.location(parser.problem_mark)
            var message = "invalid YAML: \(problem)"
            var hint: String?
            let context = parser.context.map { String(cString: $0) }
            if let context {
                message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            if problem.contains("cannot start any token"), text.scalar(atLine: location.line, column: location.column) == "\t" {
                hint = "YAML indents with spaces; replace the tab"
            } else if let context, context.contains("quoted scalar"), problem.contains("end of stream") {
                location = self.location(parser.context_mark)
                message = "quoted text is never closed"
                hint = "add the closing quote"
            }
            return .error(at: location, message, hint: hint)
        }
    }
}

private extension String {
    func scalar(atLine line: Int, column: Int) -> Unicode.Scalar? {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let scalars = Array(lines[line - 1].unicodeScalars)
        return column >= 1 && column <= scalars.count ? scalars[column - 1] : nil
    }
}
