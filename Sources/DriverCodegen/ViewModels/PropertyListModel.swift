import DriverSpec

/// A property-list value built from the spec: rendered both as Swift (`DriverRuntime.PropertyValue`)
/// and as XML through Foundation, so the generated plist and the generated Swift cannot disagree.
enum PlistValue: Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case array([PlistValue])
    /// Keys in the order they are written (sorted).
    case dictionary([PlistEntry])

    /// A dictionary with its keys sorted.
    static func sortedDictionary(_ entries: [String: PlistValue]) -> PlistValue {
        .dictionary(entries.sorted { $0.key < $1.key }.map { PlistEntry(key: $0.key, value: $0.value) })
    }

    /// Swift source for the value as a `DriverRuntime.PropertyValue`, indented by `indent` spaces.
    func swiftLiteral(indent: Int) -> String {
        let padding = String(repeating: " ", count: indent)
        switch self {
        case .string(let value): return ".string(\(SwiftLiteral.string(value)))"
        case .bool(let value): return ".bool(\(value))"
        case .integer(let value): return ".integer(\(value))"
        case .array(let values):
            if values.isEmpty { return ".array([])" }
            let items = values.map { "\(padding)    \($0.swiftLiteral(indent: indent + 4))," }
            return ".array([\n" + items.joined(separator: "\n") + "\n\(padding)])"
        case .dictionary(let entries):
            if entries.isEmpty { return ".dictionary([:])" }
            let items = entries.map { "\(padding)    \(SwiftLiteral.string($0.key)): \($0.value.swiftLiteral(indent: indent + 4))," }
            return ".dictionary([\n" + items.joined(separator: "\n") + "\n\(padding)])"
        }
    }
}

/// One key and value of a dictionary.
struct PlistEntry: Equatable {
    let key: String
    let value: PlistValue
}

/// The driver's personalities and entitlements, from the spec's PCI identity and driver keys.
enum PersonalityModel {
    /// `0xDDDDVVVV` in lowercase hex, the form Apple's samples use.
    static func matchWord(high: UInt16, low: UInt16) -> String {
        matchWord(UInt32(high) << 16 | UInt32(low))
    }

    /// Eight lowercase hex digits: `0x00ff0000`.
    static func matchWord(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// `IOPCIPrimaryMatch`: one alternative per device id.
    static func primaryMatch(_ spec: DeviceSpec) -> String {
        spec.pci.devices.map { matchWord(high: $0, low: spec.pci.vendor) }.joined(separator: " ")
    }

    /// The personalities in `IOKitPersonalities`: one, named after the driver class.
    static func personalities(_ spec: DeviceSpec) -> [(name: String, properties: PlistValue)] {
        var properties: [String: PlistValue] = [
            "CFBundleIdentifier": .string(spec.driver.bundleIdentifier),
            "CFBundleIdentifierKernel": .string("com.apple.kpi.iokit"),
            "IOClass": .string("IOUserService"),
            "IOProviderClass": .string("IOPCIDevice"),
            "IOUserClass": .string(spec.driver.className),
            "IOUserServerName": .string(spec.driver.bundleIdentifier),
            "IOResourceMatch": .string("IOKit"),
            "IOPCIPrimaryMatch": .string(primaryMatch(spec)),
        ]
        if let subsystemVendor = spec.pci.subsystemVendor, let subsystem = spec.pci.subsystem {
            properties["IOPCISecondaryMatch"] = .string(matchWord(high: subsystem, low: subsystemVendor))
        }
        if spec.driver.matchClassCode, let classCode = spec.pci.classCode {
            properties["IOPCIClassMatch"] = .string(matchWord(classCode << 8) + "&0xffffff00")
        }
        if spec.thunderbolt.tunnelCompatible { properties["IOPCITunnelCompatible"] = .bool(true) }
        if spec.thunderbolt.pauseCompatible { properties["IOPCIPauseCompatible"] = .bool(true) }
        if let score = spec.driver.probeScore { properties["IOProbeScore"] = .integer(score) }
        if let userClient = spec.driver.userClientClass {
            properties["UserClientProperties"] = .sortedDictionary([
                "IOClass": .string("IOUserUserClient"),
                "IOUserClass": .string(userClient),
            ])
        }
        return [(spec.driver.className, .sortedDictionary(properties))]
    }

    /// The match dictionaries of the `transport.pci` entitlement: each personality's primary
    /// match, so the entitlement covers exactly what the personalities can match.
    static func pciTransport(_ spec: DeviceSpec) -> [PlistValue] {
        personalities(spec).map { _ in .sortedDictionary(["IOPCIPrimaryMatch": .string(primaryMatch(spec))]) }
    }

    /// The `.entitlements` dictionary.
    static func entitlements(_ spec: DeviceSpec) -> PlistValue {
        var entries: [String: PlistValue] = [
            "com.apple.developer.driverkit": .bool(true),
            "com.apple.developer.driverkit.transport.pci": .array(pciTransport(spec)),
        ]
        // A PCI-to-PCI bridge function (class 0x0604) needs the bridge entitlement.
        if let classCode = spec.pci.classCode, classCode >> 8 == 0x0604 {
            entries["com.apple.developer.driverkit.transport.pci.bridge"] = .bool(true)
        }
        return .sortedDictionary(entries)
    }

    /// The dictionary the Info.plist holds.
    static func infoPlist(_ spec: DeviceSpec) -> PlistValue {
        .dictionary([PlistEntry(key: "IOKitPersonalities", value: .dictionary(personalities(spec).map { PlistEntry(key: $0.name, value: $0.properties) }))])
    }
}
