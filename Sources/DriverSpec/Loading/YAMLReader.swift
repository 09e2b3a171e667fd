import Foundation
import Yams

/// Reads spec text into a located YAML tree, refusing input that could make the tool
/// crash, hang or run out of memory, each refusal as a located diagnostic.
enum YAMLReader {
    /// Spec files larger than this are refused before they are read.
    /// At this size loading takes about two seconds and 300 MiB; a 10,000-register spec is 3 MB.
    static let maximumFileSize = 8 << 20
    /// Most YAML nodes a spec may hold: a 25,000-register spec with four fields each has 1.5 million.
    static let maximumNodes = 2_000_000

    /// Reads and parses the file at `path`.
    static func read(path: String) -> Result<YAMLNode, Diagnostic> {
        LimitedFile.read(path: path, limit: maximumFileSize, what: "spec file").flatMap { parse(data: $0, file: path) }
    }

    /// Parses spec bytes; `file` names them in diagnostics.
    static func parse(data: Data, file: String) -> Result<YAMLNode, Diagnostic> {
        let start = SourceLocation.start(of: file)
        if data.count > maximumFileSize {
            return .failure(.error(at: start, "spec is larger than \(maximumFileSize) bytes"))
        }
        let text: String
        switch decodeUTF8(data, file: file) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            return .failure(.error(at: start, "the spec is empty", hint: "start with 'name:', 'pci:' and 'bars:'"))
        }
        let prescan = YAMLPrescan.scan(text)
        if prescan.nodes > maximumNodes {
            return .failure(.error(at: start, "the spec holds more than \(maximumNodes) YAML nodes", hint: "split the device description"))
        }
        if let finding = prescan.anchor {
            let what = finding.isAlias ? "alias" : "anchor"
            return .failure(.error(
                at: SourceLocation(file: file, line: finding.line, column: finding.column),
                "YAML \(what)s are not supported in specs",
                hint: "write the node out, use a register array (count, stride), or quote the text"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: text, file: file))
        } catch {
            return .failure(.error(at: start, "cannot parse YAML: \(error)"))
        }
        guard let root else {
            return .failure(.error(at: start, "the spec is empty", hint: "start with 'name:', 'pci:' and 'bars:'"))
        }
        var budget = NodeBudget(limit: min(4 * data.count + 64, maximumNodes))
        return convert(root, file: file, budget: &budget)
    }

    private static func decodeUTF8(_ data: Data, file: String) -> Result<String, Diagnostic> {
        let hasControlCharacters = data.withUnsafeBytes { bytes in
            bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
        }
        if !hasControlCharacters, let text = String(validating: data, as: UTF8.self) {
            return .success(text)
        }
        // Slow path: find where the problem is.
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                    continue
                }
                let isAllowedControl = scalar == "\t" || scalar == "\r"
                if scalar.value == 0xFEFF && line == 1 && column == 1 { continue }
                if (scalar.value < 0x20 && !isAllowedControl) || scalar.value == 0x7F {
                    return .failure(.error(
                        at: SourceLocation(file: file, line: line, column: column),
                        "control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)) is not allowed in a spec",
                        hint: "is this a binary file?"))
                }
                column += 1
            case .emptyInput:
                return .success(String(decoding: data, as: UTF8.self))
            case .error:
                return .failure(.error(
                    at: SourceLocation(file: file, line: line, column: column),
                    "the spec is not valid UTF-8 text", hint: "is this a binary file?"))
            }
        }
    }

    private static func diagnostic(for error: YamlError, in text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var location = at(mark)
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            var hint: String?
            if problem.contains("cannot start any token"), text.character(atLine: mark.line, column: mark.column) == "\t" {
                hint = "YAML indents with spaces; replace the tab"
            } else if problem.contains("Maximum nesting level") {
                message = "invalid YAML: nesting is deeper than 1000 levels"
            } else if problem.contains("found another document") {
                message = "a spec holds one YAML document; found a second one"
                hint = "remove the '---' separator or split the file"
            } else if let context, context.text.contains("quoted scalar"), problem.contains("end of stream") {
                location = at(context.mark)
                message = "quoted text is never closed"
                hint = "add the closing quote"
            }
            return .error(at: location, message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = at(context.mark)
            // Yams marks the first occurrence; point at the repeated one, which is what needs removing.
            if duplicates.count == 1, let line = text.lineOfSecondOccurrence(ofKey: duplicates[0], after: context.mark) {
                let repeated = SourceLocation(file: file, line: line, column: first.column)
                return .error(at: repeated, "duplicate key \(keys) (first at line \(first.line))", hint: "each key may appear once in a mapping")
            }
            return .error(at: first, "duplicate key \(keys) in a mapping", hint: "each key may appear once")
        case .reader(let problem, let offset, _, _):
            var location = SourceLocation.start(of: file)
            if let offset { location = text.location(ofCharacterOffset: offset, file: file) }
            return .error(at: location, "invalid YAML text: \(problem)")
        case .memory:
            return .error(at: .start(of: file), "the YAML parser ran out of memory")
        default:
            return .error(at: .start(of: file), "invalid YAML: \(error)")
        }
    }

    private struct NodeBudget {
        var limit: Int
        var used = 0
    }

    private static func convert(_ node: Node, file: String, budget: inout NodeBudget) -> Result<YAMLNode, Diagnostic> {
        budget.used += 1
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        if budget.used > budget.limit {
            return .failure(.error(at: location, "the spec holds more than \(budget.limit) YAML nodes", hint: "split the device description"))
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain
            return .success(YAMLNode(kind: .scalar(scalar.string, quoted: quoted), location: location))
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let convertedKey: YAMLNode
                switch convert(key, file: file, budget: &budget) {
                case .success(let node): convertedKey = node
                case .failure(let diagnostic): return .failure(diagnostic)
                }
                switch convert(value, file: file, budget: &budget) {
                case .success(let node): pairs.append((convertedKey, node))
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            }
            return .success(YAMLNode(kind: .mapping(pairs), location: location))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                switch convert(item, file: file, budget: &budget) {
                case .success(let node): items.append(node)
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            }
            return .success(YAMLNode(kind: .sequence(items), location: location))
        case .alias:
            return .failure(.error(at: location, "YAML aliases are not supported in specs"))
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    /// The line where `key:` is written again at the column of its first occurrence, if it is.
    func lineOfSecondOccurrence(ofKey key: String, after first: Mark) -> Int? {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        let column = first.column - 1
        for (index, line) in lines.enumerated() where index + 1 > first.line {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > column, scalars[..<column].allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = String(String.UnicodeScalarView(scalars[column...]))
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                return index + 1
            }
        }
        return nil
    }

    func character(atLine line: Int, column: Int) -> Unicode.Scalar? {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let scalars = Array(lines[line - 1].unicodeScalars)
        return column >= 1 && column <= scalars.count ? scalars[column - 1] : nil
    }

    /// Line and column of the `offset`-th character.
    func location(ofCharacterOffset offset: Int, file: String) -> SourceLocation {
        var line = 1, column = 1
        for (index, character) in enumerated() {
            if index == offset { break }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
