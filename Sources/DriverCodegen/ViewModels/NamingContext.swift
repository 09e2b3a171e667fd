import DriverSpec

/// Swift spellings of names in declarations and uses: keywords in backticks.
enum Spelling {
    /// A member name as declared and used, e.g. `` `default` ``.
    static func member(_ identifier: String) -> String {
        SwiftName.keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }
}
