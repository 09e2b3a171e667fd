/// A property-list value: what personalities, entitlements and service properties hold.
public indirect enum PropertyValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case array([PropertyValue])
    case dictionary([String: PropertyValue])

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .string(let value): "\"\(value)\""
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): "\(value)"
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { "\($0) = \(values[$0]!)" }.joined(separator: "; ") + "}"
        }
    }
}

/// Service property keys generated drivers set.
public enum ServiceProperty {
    /// Set to `External` by drivers of external storage, first thing in `start`, so macOS asks
    /// users to eject before unplugging.
    public static let physicalInterconnectLocation = "Physical Interconnect Location"
}
