/// Driver classes with their personalities, matched against a device as IOKit does: every
/// personality is evaluated, the one with the highest probe score wins. Both the simulator's
/// bus and the Linux VFIO host pick drivers through it, so a driver that matches on one
/// matches on the other.
public struct DriverCatalog: Sendable {
    /// One driver class and the personalities it is listed with.
    public struct Entry: Sendable {
        public let type: any PCIDriver.Type
        public let personalities: [Personality]
    }

    /// The winner of matching.
    public struct Match: Sendable {
        public let type: any PCIDriver.Type
        public let personality: Personality
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Makes `type` available for matching with `personalities`.
    public mutating func register(_ type: any PCIDriver.Type, personalities: [Personality]) {
        entries.append(Entry(type: type, personalities: personalities))
    }

    /// The personality with the best probe score that matches `device`, or why each refused.
    public func bestMatch(for device: PCIMatchDevice) -> Result<Match, NoMatchingDriver> {
        var best: (match: Match, score: Int)?
        var reasons: [String] = []
        for entry in entries {
            for personality in entry.personalities {
                switch PersonalityMatcher.evaluate(personality, against: device) {
                case .matched(let score):
                    if score > best?.score ?? .min { best = (Match(type: entry.type, personality: personality), score) }
                case .refused(let reason):
                    reasons.append("\(personality.name): \(reason)")
                }
            }
        }
        guard let best else { return .failure(NoMatchingDriver(reasons: reasons)) }
        return .success(best.match)
    }
}

/// No registered personality matched; one reason per personality.
public struct NoMatchingDriver: Error, Sendable, Equatable, CustomStringConvertible {
    public let reasons: [String]

    public var description: String {
        reasons.isEmpty ? "no driver is registered" : "no driver matches the device: " + reasons.joined(separator: "; ")
    }
}
