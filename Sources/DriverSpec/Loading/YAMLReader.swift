import Foundation

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
        // Anchors, aliases and the node count are refused as libyaml's events arrive: nothing
        // is expanded, and no more than the limit is ever built.
        let nodeLimit = min(4 * data.count + 64, maximumNodes)
        switch YAMLComposer.compose(text, file: file, nodeLimit: nodeLimit) {
        case .success(let root?): return .success(root)
        case .success(nil): return .failure(.error(at: start, "the spec is empty", hint: "start with 'name:', 'pci:' and 'bars:'"))
        case .failure(let diagnostic): return .failure(diagnostic)
        }
    }

    /// Whether `bytes` hold a control character other than tab, line feed and carriage return.
    /// Eight bytes at a time: a word with no byte below 0x20 and none equal to 0x7F is skipped.
    private static func containsControlCharacters(_ bytes: UnsafeRawBufferPointer) -> Bool {
        func isControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let below20 = (word &- ones &* 0x20) & ~word & highs
            let delete = word ^ (ones &* 0x7F)
            let is7F = (delete &- ones) & ~delete & highs
            if below20 | is7F != 0, bytes[offset..<offset + 8].contains(where: isControl) { return true }
            offset += 8
        }
        return bytes[offset...].contains(where: isControl)
    }

    private static func decodeUTF8(_ data: Data, file: String) -> Result<String, Diagnostic> {
        let hasControlCharacters = data.withUnsafeBytes(containsControlCharacters)
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
                    return .failure(
                        .error(
                            at: SourceLocation(file: file, line: line, column: column),
                            "control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)) is not allowed in a spec",
                            hint: "is this a binary file?"))
                }
                column += 1
            case .emptyInput:
                return .success(String(decoding: data, as: UTF8.self))
            case .error:
                return .failure(
                    .error(
                        at: SourceLocation(file: file, line: line, column: column),
                        "the spec is not valid UTF-8 text", hint: "is this a binary file?"))
            }
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
