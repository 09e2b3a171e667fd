import Foundation

/// Writes property lists through Foundation's `PropertyListSerialization`, as XML, with
/// DriverGen's header comment after the XML declaration.
enum PropertyListRenderer {
    static func xml(_ value: PlistValue, header: String) -> String {
        let data: Data
        do {
            data = try PropertyListSerialization.data(fromPropertyList: foundationObject(value), format: .xml, options: 0)
        } catch {
            preconditionFailure("a property list built from strings, booleans and integers must serialize: \(error)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // After <?xml ...?> and <!DOCTYPE ...>; XML comments may not contain "--".
        let insertAt = min(2, lines.count)
        lines.insert("<!-- \(header.replacingOccurrences(of: "--", with: "- -")) -->", at: insertAt)
        var text = lines.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    private static func foundationObject(_ value: PlistValue) -> Any {
        switch value {
        case .string(let string): string
        case .bool(let bool): NSNumber(value: bool)
        case .integer(let integer): NSNumber(value: integer)
        case .array(let values): values.map(foundationObject)
        case .dictionary(let entries): Dictionary(uniqueKeysWithValues: entries.map { ($0.key, foundationObject($0.value)) })
        }
    }
}
