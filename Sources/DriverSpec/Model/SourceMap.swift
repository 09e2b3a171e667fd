/// Where each key of a spec element was written, so diagnostics can point at the exact value.
public struct SourceMap: Sendable {
    /// Where the element itself starts.
    public var element: SourceLocation
    private var values: [String: SourceLocation]

    public init(element: SourceLocation, values: [String: SourceLocation] = [:]) {
        self.element = element
        self.values = values
    }

    /// The location of `key`'s value, or of the element when the key was not written.
    public subscript(key: String) -> SourceLocation {
        get { values[key] ?? element }
        set { values[key] = newValue }
    }

    /// Whether `key` was written in the spec.
    public func wrote(_ key: String) -> Bool { values[key] != nil }
}
