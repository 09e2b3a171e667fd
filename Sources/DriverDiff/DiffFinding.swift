import DriverSpec

/// One change between two versions of a spec.
public struct DiffFinding: Sendable, Equatable, CustomStringConvertible {
    public var rule: DiffRule
    public var level: DiffLevel { rule.level }
    /// What changed, in words.
    public var message: String
    /// Where in the device, e.g. `bars/mmio/registers/status/fields/computing`.
    public var path: String
    public var oldValue: String?
    public var newValue: String?
    public var oldLocation: SourceLocation?
    public var newLocation: SourceLocation?

    public init(
        rule: DiffRule, message: String, path: String, oldValue: String? = nil, newValue: String? = nil,
        oldLocation: SourceLocation? = nil, newLocation: SourceLocation? = nil
    ) {
        self.rule = rule
        self.message = message
        self.path = path
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldLocation = oldLocation
        self.newLocation = newLocation
    }

    /// Where to point a reader: the new spec when the thing still exists, else the old one.
    public var location: SourceLocation? { newLocation ?? oldLocation }

    /// `path:line:col: breaking: message [rule-id]`
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(level.rawValue): \(message) [\(rule.rawValue)]"
    }
}
