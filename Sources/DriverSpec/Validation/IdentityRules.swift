extension SpecValidator {
    func checkIdentity() {
        let namespace = GeneratedNames.namespace(spec.name)
        if GeneratedNames.reservedDeviceNames.contains(spec.name) || GeneratedNames.reservedDeviceNames.contains(namespace) {
            sink.error(
                spec.source["name"], "device name '\(spec.name)' would shadow the module '\(SwiftName.upperCamel(spec.name))' in generated code", hint: "choose another name")
        } else if !spec.name.unicodeScalars.contains(where: { SwiftName.isIdentifierBody($0) && $0 != "_" }) {
            sink.error(spec.source["name"], "device name '\(spec.name)' has no letters or digits to make a Swift type name from")
        }
        if spec.isMicrocontroller { return }
        checkPCI(spec.pci)
        checkDriver(spec.driver, namespace: namespace)
        if spec.isStorage && !spec.thunderbolt.tunnelCompatible {
            sink.warning(
                spec.source["storage"], "an external storage device that is not 'tunnel-compatible' never matches over Thunderbolt",
                hint: "add 'thunderbolt: { tunnel-compatible: true }'")
        }
    }

    private func checkPCI(_ pci: PCIIdentity) {
        if pci.vendor == 0xFFFF || pci.vendor == 0 {
            sink.error(pci.source["vendor"], "vendor id \(Hex.string(pci.vendor, digits: 4)) is not a valid PCI vendor id", hint: "0x0000 and 0xFFFF mean 'no device'")
        }
        let location = pci.source.wrote("devices") ? pci.source["devices"] : pci.source["device"]
        var seen = Set<UInt16>()
        for id in pci.devices {
            if id == 0xFFFF {
                sink.error(location, "device id 0xFFFF is not a valid PCI device id")
            }
            if !seen.insert(id).inserted {
                sink.error(location, "device id \(Hex.string(id, digits: 4)) is listed twice")
            }
        }
    }

    private func checkDriver(_ driver: DriverIdentity, namespace: String) {
        let classLocation = driver.source["class"]
        if !SwiftName.isIdentifier(driver.className) || SwiftName.keywords.contains(driver.className) {
            sink.error(
                classLocation, "driver class '\(driver.className)' is not a Swift type name",
                hint: "use letters, digits and '_', not starting with a digit, e.g. '\(SwiftName.upperCamel(driver.className))'")
        } else if driver.className == namespace || GeneratedNames.reservedTypes.contains(driver.className) {
            sink.error(classLocation, "driver class '\(driver.className)' collides with a generated type name", hint: "e.g. '\(SwiftName.upperCamel(spec.name))Driver'")
        }
        if let userClient = driver.userClientClass, !SwiftName.isIdentifier(userClient) || userClient == driver.className {
            sink.error(driver.source["user-client"], "user client class '\(userClient)' is not a type name distinct from the driver class", hint: "e.g. '\(namespace)UserClient'")
        }
        if !Self.isBundleIdentifier(driver.bundleIdentifier) {
            sink.error(
                driver.source["bundle-id"], "'\(driver.bundleIdentifier)' is not a bundle identifier",
                hint: "use reverse-DNS form with letters, digits, '-' and '.', e.g. 'com.example.driver.\(namespace)'")
        }
        if driver.matchClassCode && spec.pci.classCode == nil {
            sink.error(driver.source["match-class-code"], "'match-class-code' needs the device's class code", hint: "add 'class:' under 'pci'")
        }
    }

    static func isBundleIdentifier(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2
            && parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }
    }
}
