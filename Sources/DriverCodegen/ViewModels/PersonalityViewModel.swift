import DriverSpec

/// The personality Swift file: the same values as the Info.plist and entitlements.
struct PersonalityViewModel {
    struct Entry {
        let nameLiteral: String
        let propertiesLiteral: String
    }

    let header: String
    let namespace: String
    let personalities: [Entry]
    let transport: [String]

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        personalities = PersonalityModel.personalities(spec).map { personality in
            Entry(nameLiteral: SwiftLiteral.string(personality.name), propertiesLiteral: Self.dictionaryLiteral(personality.properties, indent: 12))
        }
        transport = PersonalityModel.pciTransport(spec).map { Self.dictionaryLiteral($0, indent: 8) }
    }

    /// `[ "key": value, ... ]` for a dictionary value.
    private static func dictionaryLiteral(_ value: PlistValue, indent: Int) -> String {
        guard case .dictionary(let entries) = value, !entries.isEmpty else { return "[:]" }
        let padding = String(repeating: " ", count: indent)
        let items = entries.map { "\(padding)    \(SwiftLiteral.string($0.key)): \($0.value.swiftLiteral(indent: indent + 4))," }
        return "[\n" + items.joined(separator: "\n") + "\n\(padding)]"
    }
}
