/// Looks at spec text before libyaml does: finds YAML anchors (`&name`) and aliases (`*name`),
/// and counts the nodes the document would have, so input that would take too much memory to
/// parse is refused first.
///
/// Specs refuse anchors and aliases: an alias makes one line stand for many registers,
/// which breaks line-accurate diagnostics and diffs, and nested aliases ("billion laughs")
/// make a tiny file expand without bound. The check runs before libyaml sees the text,
/// because the composer already hashes alias-expanded mapping keys.
///
/// This is a lexical scan of YAML's token starts: quoted scalars, comments, block scalars
/// and plain-scalar continuation lines are skipped, so `R&D` or `*emphasis*` in a
/// description is not mistaken for an anchor.
struct YAMLPrescan {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var isAlias: Bool
    }

    private enum Quote { case single, double }

    /// The first anchor or alias in `text`, if any, and the number of nodes seen before it
    /// (all of them when there is none).
    static func scan(_ text: String) -> (anchor: Finding?, nodes: Int) {
        var scanner = YAMLPrescan()
        let finding = scanner.scan(text)
        return (finding, scanner.nodes)
    }

    /// Scalars and collections started so far.
    private var nodes = 0

    private var quote: Quote?
    private var flowDepth = 0
    private var blockScalarParentIndent: Int?
    /// Indent of the line that owns a plain scalar still open at the end of the previous line.
    private var openPlainScalarOwnerIndent: Int?

    private mutating func scan(_ text: String) -> Finding? {
        var text = text
        return text.withUTF8 { scan(bytes: $0) }
    }

    /// Scans line by line; every character YAML gives meaning to is ASCII, so bytes suffice.
    private mutating func scan(bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
        var lineStart = 0
        var lineNumber = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            lineNumber += 1
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd])
            if let byteColumn = scanLine(line) {
                // Report the column in Unicode scalars, as libyaml does: count non-continuation bytes.
                let column = line[..<byteColumn].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                return Finding(line: lineNumber, column: column, isAlias: line[byteColumn] == UInt8(ascii: "*"))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// The byte offset of an anchor or alias in `line`, if there is one.
    private mutating func scanLine(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
        let isBlank = indent == line.count || line[indent] == UInt8(ascii: "#")
        if let parent = blockScalarParentIndent {
            if isBlank || indent > parent { return nil }
            blockScalarParentIndent = nil
        }
        if isBlank && quote == nil { return nil }

        var expectToken = true
        var plainOwnerIndent: Int? = nil
        if quote != nil {
            expectToken = false
        } else if let owner = openPlainScalarOwnerIndent, indent > owner || flowDepth > 0 {
            // A continuation line of a multi-line plain scalar.
            expectToken = false
            plainOwnerIndent = owner
        }
        openPlainScalarOwnerIndent = nil

        var index = quote == nil ? indent : 0
        func next(_ offset: Int = 1) -> Unicode.Scalar? {
            index + offset < line.count ? Unicode.Scalar(line[index + offset]) : nil
        }
        func isSpaceOrEnd(_ scalar: Unicode.Scalar?) -> Bool {
            scalar == nil || scalar == " " || scalar == "\t"
        }
        func isBlankAt(_ position: Int) -> Bool {
            line[position] == UInt8(ascii: " ") || line[position] == UInt8(ascii: "\t")
        }
        while index < line.count {
            let scalar = Unicode.Scalar(line[index])
            if let open = quote {
                if open == .double && scalar == "\\" {
                    index += 2
                    continue
                }
                if open == .single && scalar == "'" && next() == "'" {
                    index += 2
                    continue
                }
                if (open == .double && scalar == "\"") || (open == .single && scalar == "'") {
                    quote = nil
                }
                index += 1
                continue
            }
            if expectToken {
                if scalar == " " || scalar == "\t" || (scalar == "," && flowDepth > 0) {
                    // Still between tokens.
                } else if scalar == "#" {
                    return nil
                } else if scalar == "&" || scalar == "*" {
                    if !isSpaceOrEnd(next()) {
                        return index
                    }
                    expectToken = false
                    plainOwnerIndent = indent
                } else if scalar == "\"" {
                    quote = .double
                    expectToken = false
                    nodes += 1
                } else if scalar == "'" {
                    quote = .single
                    expectToken = false
                    nodes += 1
                } else if (scalar == "|" || scalar == ">") && flowDepth == 0 {
                    blockScalarParentIndent = indent
                    return nil
                } else if (scalar == "-" || scalar == "?" || scalar == ":") && isSpaceOrEnd(next()) {
                    // A block indicator; the node follows.
                } else if scalar == "[" || scalar == "{" {
                    flowDepth += 1
                    nodes += 1
                } else if scalar == "]" || scalar == "}" {
                    flowDepth = max(0, flowDepth - 1)
                    expectToken = false
                } else if scalar == "!" {
                    while index + 1 < line.count, !isSpaceOrEnd(next()) { index += 1 }
                } else {
                    expectToken = false
                    plainOwnerIndent = indent
                    nodes += 1
                }
            } else {
                let flowBreak = flowDepth > 0 && ",[]{}".unicodeScalars.contains(next() ?? " ")
                if scalar == ":" && (isSpaceOrEnd(next()) || flowBreak) {
                    expectToken = true
                    plainOwnerIndent = nil
                } else if scalar == "#" && index > 0 && isBlankAt(index - 1) {
                    plainOwnerIndent = nil
                    break
                } else if scalar == "," && flowDepth > 0 {
                    expectToken = true
                    plainOwnerIndent = nil
                } else if (scalar == "]" || scalar == "}") && flowDepth > 0 {
                    flowDepth -= 1
                    plainOwnerIndent = nil
                }
            }
            index += 1
        }
        if quote == nil, let owner = plainOwnerIndent {
            openPlainScalarOwnerIndent = owner
        }
        return nil
    }
}
