import DriverSpec
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML file into a tree of `XMLNode`s, under the limits YAML specs have: a size
/// limit, a node limit, a nesting limit, and no DTDs (so no entity expansion, no external
/// entities). Bad input gets one located error, never a crash or a hang.
enum XMLReader {
    static let maximumFileSize = 8 << 20
    static let maximumElements = 2_000_000
    static let maximumDepth = 64

    /// Reads and parses the file at `path` (named in diagnostics as given).
    static func read(path: String) -> Result<XMLNode, Diagnostic> {
        LimitedFile.read(path: path, limit: maximumFileSize, what: "file").flatMap { parse(data: $0, file: path) }
    }

    /// Parses XML held in memory; `file` names it in diagnostics.
    static func parse(data: Data, file: String) -> Result<XMLNode, Diagnostic> {
        let start = SourceLocation.start(of: file)
        if data.count > maximumFileSize {
            return .failure(.error(at: start, "the file is larger than \(maximumFileSize) bytes"))
        }
        if let doctype = findDoctype(in: data) {
            return .failure(
                .error(
                    at: SourceLocation.of(byte: doctype, in: data, file: file),
                    "document type declarations are not accepted (they can define entities that expand without bound)",
                    hint: "remove the <!DOCTYPE ...> declaration; SVD and IP-XACT files do not need one"))
        }
        // Foundation's parser traps on names that are not UTF-8: refuse such bytes first.
        if let invalid = firstInvalidUTF8(in: data) {
            return .failure(
                .error(
                    at: SourceLocation.of(byte: invalid, in: data, file: file),
                    "the file is not valid UTF-8 (byte \(Hex.string(data[data.startIndex + invalid], digits: 2)))",
                    hint: "convert it to UTF-8, as SVD and IP-XACT tools write it"))
        }
        let builder = TreeBuilder(file: file)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let failure = builder.failure { return .failure(failure) }
        guard parsed, let root = builder.root else {
            let line = max(parser.lineNumber, 1), column = max(parser.columnNumber, 1)
            let reason = (parser.parserError as NSError?).map { describe($0) } ?? "the document is empty"
            return .failure(.error(at: SourceLocation(file: file, line: line, column: column), "not well-formed XML: \(reason)"))
        }
        return .success(root)
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    private static func firstInvalidUTF8(in data: Data) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The offset of `<!DOCTYPE` (or `<!ENTITY`) anywhere in the bytes.
    private static func findDoctype(in data: Data) -> Int? {
        let patterns = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            guard bytes.count >= 8 else { return nil }
            for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "!") {
                for pattern in patterns where index + pattern.count <= bytes.count {
                    if (0..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] }) { return index }
                }
            }
            return nil
        }
    }

    private static func describe(_ error: NSError) -> String {
        let text = error.localizedDescription.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.hasPrefix("The operation could not be completed") {
            return "parser error \(error.code)"
        }
        return text
    }

    /// Builds the tree as the parser reports elements; stops at the first limit crossed.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let file: String
        var root: XMLNode?
        var failure: Diagnostic?
        private var stack: [XMLNode] = []
        private var elements = 0

        init(file: String) {
            self.file = file
        }

        private func here(_ parser: XMLParser) -> SourceLocation {
            SourceLocation(file: file, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
        }

        private func fail(_ parser: XMLParser, _ message: String, hint: String? = nil) {
            guard failure == nil else { return }
            failure = .error(at: here(parser), message, hint: hint)
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            guard failure == nil else { return }
            elements += 1
            if elements > XMLReader.maximumElements {
                return fail(parser, "the file holds more than \(XMLReader.maximumElements) XML elements")
            }
            if stack.count >= XMLReader.maximumDepth {
                return fail(parser, "elements are nested more than \(XMLReader.maximumDepth) deep")
            }
            var local: [String: String] = [:]
            for (key, value) in attributes {
                local[String(key.split(separator: ":").last ?? Substring(key))] = value
            }
            stack.append(XMLNode(name: elementName, namespace: namespaceURI, attributes: local, location: here(parser)))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard failure == nil, let node = stack.popLast() else { return }
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard failure == nil, !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard failure == nil, !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
