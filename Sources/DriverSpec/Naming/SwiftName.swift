/// Turns spec names into Swift identifiers, deterministically: names are API.
///
/// Words are split at `-`, `_`, spaces and other punctuation; a word's own camel case is
/// kept, and a leading run of capitals is lowered as a unit (`DMA_CMD` -> `dmaCmd`,
/// `IVPosition` -> `ivPosition`). A leading digit gets a `_` prefix. Keywords are escaped
/// with backticks where Swift needs it.
public enum SwiftName {
    /// `lowerCamelCase`, for properties, methods and enum cases (not escaped).
    public static func lowerCamel(_ name: String) -> String {
        if isPlainLowerCamel(name) { return name }
        if let converted = asciiCamel(name, upperFirstWord: false) { return converted }
        let words = split(name)
        guard let first = words.first else { return "_" }
        let head = lowerLeadingCapitals(first)
        let tail = words.dropFirst().map(upperFirst).joined()
        return prefixDigit(head + tail)
    }

    /// `UpperCamelCase`, for types.
    public static func upperCamel(_ name: String) -> String {
        if let converted = asciiCamel(name, upperFirstWord: true) { return converted }
        let words = split(name)
        guard !words.isEmpty else { return "_" }
        return prefixDigit(words.map(upperFirst).joined())
    }

    /// A member name ready to use after a dot or in a declaration: keywords in backticks.
    public static func member(_ name: String) -> String {
        let identifier = lowerCamel(name)
        return keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Whether `name` has letters or digits to make a Swift name from.
    public static func canName(_ name: String) -> Bool {
        name.unicodeScalars.contains(where: isWordCharacter)
    }

    /// Whether `name` is already a plain Swift identifier (no conversion needed).
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isIdentifierHead(first) else { return false }
        return name.unicodeScalars.allSatisfy(isIdentifierBody)
    }

    /// Words of `name`: letters and digits, split at everything else.
    static func split(_ name: String) -> [String] {
        let words = rawSplit(name)
        guard words.count > 1 else { return words }
        return words.map { word in
            // SCREAMING_CASE words read as words: DMA_CMD -> dma, Cmd.
            let letters = word.unicodeScalars.filter(isLetter)
            let shouted = letters.count > 1 && letters.allSatisfy(isUppercase)
            return shouted ? word.lowercased() : word
        }
    }

    /// An ASCII name that is already lowerCamelCase (the common case), kept as written.
    private static func isPlainLowerCamel(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        while let byte = bytes.next() {
            let isAlphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if !isAlphanumeric { return false }
        }
        return true
    }

    /// The same rules as `split` and the case changes after it, on the bytes of an ASCII name
    /// (nearly every name): a chip's spec has thousands. Nil when `name` is not ASCII.
    private static func asciiCamel(_ name: String, upperFirstWord: Bool) -> String? {
        name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var wordCount = 0
            forEachWord(in: bytes) { _ in wordCount += 1 }
            guard wordCount > 0 else { return "_" }
            // Built on the stack: names are converted by the thousand.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { output in
                var count = 0, number = 0
                forEachWord(in: bytes) { word in
                    var letters = 0, upper = 0
                    for byte in bytes[word] where isASCIILetter(byte) {
                        letters += 1
                        if isASCIIUpper(byte) { upper += 1 }
                    }
                    let shouted = wordCount > 1 && letters > 1 && upper == letters
                    let start = count
                    for byte in bytes[word] {
                        output[count] = shouted ? asciiLowered(byte) : byte
                        count += 1
                    }
                    if number == 0 && !upperFirstWord {
                        // lowerLeadingCapitals: DMA -> dma, IVPosition -> ivPosition.
                        var run = 0
                        while start + run < count, isASCIIUpper(output[start + run]) { run += 1 }
                        var lowered = run
                        if run > 1, start + run < count, isASCIILower(output[start + run]) { lowered -= 1 }
                        for offset in 0..<lowered { output[start + offset] = asciiLowered(output[start + offset]) }
                    } else if isASCIILower(output[start]) {
                        output[start] -= 32
                    }
                    number += 1
                }
                if !isASCIILetter(output[0]) {
                    // A leading digit: make room for the `_`.
                    for index in stride(from: count, to: 0, by: -1) { output[index] = output[index - 1] }
                    output[0] = UInt8(ascii: "_")
                    count += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: output[..<count]), as: UTF8.self)
            }
        } ?? nil
    }

    /// Calls `body` with each run of ASCII letters and digits in `bytes`.
    private static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var index = 0
        while index < bytes.count {
            while index < bytes.count, !isASCIIAlphanumeric(bytes[index]) { index += 1 }
            let start = index
            while index < bytes.count, isASCIIAlphanumeric(bytes[index]) { index += 1 }
            if start < index { body(start..<index) }
        }
    }

    private static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isASCIILower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isASCIILetter(_ byte: UInt8) -> Bool { isASCIIUpper(byte) || isASCIILower(byte) }
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) }
    private static func asciiLowered(_ byte: UInt8) -> UInt8 { isASCIIUpper(byte) ? byte + 32 : byte }

    /// What words are made of: the characters of identifiers but `_`, which separates words.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierBody(scalar) && scalar != "_"
    }

    private static func rawSplit(_ name: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if isWordCharacter(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    private static func upperFirst(_ word: String) -> String {
        guard let first = word.unicodeScalars.first else { return word }
        if ("A"..."Z").contains(first) || ("0"..."9").contains(first) { return word }
        if ("a"..."z").contains(first) {
            var result = String.UnicodeScalarView([Unicode.Scalar(UInt8(first.value) - 32)])
            result.append(contentsOf: word.unicodeScalars.dropFirst())
            return String(result)
        }
        return String(first).uppercased() + String(word.unicodeScalars.dropFirst())
    }

    /// `DMA` -> `dma`, `IVPosition` -> `ivPosition`, `Status` -> `status`, `x` -> `x`.
    private static func lowerLeadingCapitals(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        var upperRun = 0
        while upperRun < scalars.count, isUppercase(scalars[upperRun]) { upperRun += 1 }
        if upperRun == 0 { return word }
        var lowered = upperRun
        if upperRun > 1, upperRun < scalars.count, isLowercase(scalars[upperRun]) {
            lowered -= 1  // keep the capital that starts the next word: IVPosition -> ivPosition
        }
        let head = String(String.UnicodeScalarView(scalars[..<lowered])).lowercased()
        return head + String(String.UnicodeScalarView(scalars[lowered...]))
    }

    // ASCII answers first: Unicode property lookups are slow, and names are nearly always ASCII.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) : scalar.properties.isAlphabetic
    }

    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
    }

    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("a"..."z").contains(scalar) : scalar.properties.isLowercase
    }

    private static func prefixDigit(_ identifier: String) -> String {
        guard let first = identifier.unicodeScalars.first else { return "_" }
        return isIdentifierHead(first) ? identifier : "_" + identifier
    }

    static func isIdentifierHead(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        return scalar.properties.isXIDStart
    }

    static func isIdentifierBody(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) }
        return scalar.properties.isXIDContinue
    }

    /// Words Swift reserves in a declaration or member position.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias",
        "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any", "await",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_", "Type", "Protocol",
    ]
}
