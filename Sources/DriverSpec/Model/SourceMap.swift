/// Where each key of a spec element was written, so diagnostics can point at the exact value.
public struct SourceMap: Sendable {
    /// Where the element itself starts.
    public var element: SourceLocation
    /// A few keys per element: a list searched in order costs less than hashing each key.
    private var values: [(key: String, location: SourceLocation)]

    public init(element: SourceLocation, values: [String: SourceLocation] = [:]) {
        self.element = element
        self.values = values.map { ($0.key, $0.value) }
    }

    /// The keys of one mapping, each once, with where their values were written.
    init(element: SourceLocation, written: [(key: String, location: SourceLocation)]) {
        self.element = element
        self.values = written
    }

    /// The location of `key`'s value, or of the element when the key was not written.
    public subscript(key: String) -> SourceLocation {
        get { values.first { $0.key == key }?.location ?? element }
        set {
            if let index = values.firstIndex(where: { $0.key == key }) {
                values[index].location = newValue
            } else {
                values.append((key, newValue))
            }
        }
    }

    /// Whether `key` was written in the spec.
    public func wrote(_ key: String) -> Bool { values.contains { $0.key == key } }
}
