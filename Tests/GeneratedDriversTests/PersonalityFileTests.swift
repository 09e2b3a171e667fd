import DriverRuntime
import Foundation
import GeneratedDrivers
import TestSupport
import Testing

/// The generated Info.plist and entitlements, read back with Python's plistlib (a reader that
/// shares no code with ours), must hold exactly the expected keys with the right types, and
/// the same values as the generated Swift personalities.
@Suite struct PersonalityFileTests {
    struct Device: Sendable, CustomStringConvertible {
        let folder: String
        let driverClass: String
        let personalities: [Personality]
        let entitlement: [[String: PropertyValue]]
        let extraKeys: Set<String>
        var description: String { folder }
    }

    static let devices = [
        Device(
            folder: "Edu", driverClass: "EduDriver", personalities: Edu.personalities,
            entitlement: Edu.pciTransportEntitlement, extraKeys: ["IOPCITunnelCompatible"]),
        Device(
            folder: "Ivshmem", driverClass: "IvshmemDriver", personalities: Ivshmem.personalities,
            entitlement: Ivshmem.pciTransportEntitlement, extraKeys: ["IOPCITunnelCompatible"]),
        Device(
            folder: "BoltStore", driverClass: "BoltStoreDriver", personalities: BoltStore.personalities,
            entitlement: BoltStore.pciTransportEntitlement,
            extraKeys: ["IOPCITunnelCompatible", "IOPCIPauseCompatible", "IOProbeScore", "IOPCISecondaryMatch", "UserClientProperties"]),
    ]

    static let alwaysPresent: Set<String> = [
        "CFBundleIdentifier", "CFBundleIdentifierKernel", "IOClass", "IOProviderClass", "IOUserClass",
        "IOUserServerName", "IOResourceMatch", "IOPCIPrimaryMatch",
    ]

    /// Loads a plist with Python and returns it as a `PropertyValue`, types preserved.
    static func loadWithPlistlib(_ url: URL) throws -> PropertyValue {
        let script = """
            import json, plistlib, sys
            def tag(v):
                if isinstance(v, bool): return {"bool": v}
                if isinstance(v, int): return {"integer": v}
                if isinstance(v, str): return {"string": v}
                if isinstance(v, list): return {"array": [tag(x) for x in v]}
                if isinstance(v, dict): return {"dictionary": {k: tag(x) for k, x in v.items()}}
                raise TypeError(type(v).__name__)
            with open(sys.argv[1], "rb") as f:
                print(json.dumps(tag(plistlib.load(f))))
            """
        let result = try Shell.run("python3", ["-c", script, url.path])
        guard result.status == 0 else { throw PlistError(message: result.errors) }
        return try decode(JSONSerialization.jsonObject(with: Data(result.output.utf8)))
    }

    struct PlistError: Error { let message: String }

    static func decode(_ json: Any) throws -> PropertyValue {
        guard let tagged = json as? [String: Any], let (tag, value) = tagged.first else { throw PlistError(message: "untagged") }
        switch tag {
        case "bool": return .bool(value as! Bool)
        case "integer": return .integer((value as! NSNumber).intValue)
        case "string": return .string(value as! String)
        case "array": return .array(try (value as! [Any]).map(decode))
        case "dictionary": return .dictionary(try (value as! [String: Any]).mapValues(decode))
        default: throw PlistError(message: "unknown tag \(tag)")
        }
    }

    @Test(arguments: devices)
    func infoPlistHoldsExactlyTheExpectedPersonality(device: Device) throws {
        let plist = try Self.loadWithPlistlib(Repository.generated.appendingPathComponent("\(device.folder)/Info.plist"))
        guard case .dictionary(let root) = plist, case .dictionary(let personalities)? = root["IOKitPersonalities"] else {
            Issue.record("Info.plist has no IOKitPersonalities dictionary")
            return
        }
        #expect(Set(root.keys) == ["IOKitPersonalities"])
        #expect(Array(personalities.keys) == [device.driverClass])
        guard case .dictionary(let personality)? = personalities[device.driverClass] else { return }
        #expect(Set(personality.keys) == Self.alwaysPresent.union(device.extraKeys))
        for key in Self.alwaysPresent {
            #expect(personality[key]?.stringValue != nil, "\(key) must be a string")
        }
        #expect(personality["IOClass"] == .string("IOUserService"))
        #expect(personality["IOProviderClass"] == .string("IOPCIDevice"))
        #expect(personality["CFBundleIdentifierKernel"] == .string("com.apple.kpi.iokit"))
        #expect(personality["IOResourceMatch"] == .string("IOKit"))
        #expect(personality["IOUserClass"] == .string(device.driverClass))
        #expect(personality["IOUserServerName"] == personality["CFBundleIdentifier"])
        #expect(personality["IOPCITunnelCompatible"] == .bool(true))
        if device.extraKeys.contains("IOPCIPauseCompatible") { #expect(personality["IOPCIPauseCompatible"] == .bool(true)) }
        if device.extraKeys.contains("IOProbeScore") { #expect(personality["IOProbeScore"]?.integerValue != nil) }
        // The Swift personalities hold the same values.
        #expect(device.personalities == [Personality(name: device.driverClass, properties: personality)])
    }

    @Test(arguments: devices)
    func entitlementsHoldExactlyTheExpectedKeys(device: Device) throws {
        let plist = try Self.loadWithPlistlib(Repository.generated.appendingPathComponent("\(device.folder)/\(device.driverClass).entitlements"))
        guard case .dictionary(let root) = plist else {
            Issue.record("entitlements are not a dictionary")
            return
        }
        #expect(Set(root.keys) == ["com.apple.developer.driverkit", "com.apple.developer.driverkit.transport.pci"])
        #expect(root["com.apple.developer.driverkit"] == .bool(true))
        #expect(root["com.apple.developer.driverkit.transport.pci"] == .array(device.entitlement.map(PropertyValue.dictionary)))
    }

    @Test func matchStringsAreHexInApplesForm() {
        #expect(Edu.personalities[0].properties["IOPCIPrimaryMatch"] == .string("0x11e81234"))
        #expect(BoltStore.personalities[0].properties["IOPCIPrimaryMatch"] == .string("0x5100abcd 0x5101abcd"))
        #expect(BoltStore.personalities[0].properties["IOPCISecondaryMatch"] == .string("0x0001abcd"))
        #expect(
            BoltStore.personalities[0].properties["UserClientProperties"]
                == .dictionary([
                    "IOClass": .string("IOUserUserClient"), "IOUserClass": .string("BoltStoreUserClient"),
                ]))
        #expect(Edu.personalities[0].properties["IOPCIPauseCompatible"] == nil, "edu is not pause-compatible")
    }
}
