import DriverSpec

extension DeviceComparison {
    mutating func compareIdentity() {
        let o = old, n = new
        compare(
            GeneratedNames.namespace(o.name), GeneratedNames.namespace(n.name), .deviceRenamed, "the device's name", path: "name",
            at: o.source["name"], n.source["name"], quoted: true
        ) { $0 }
        compareDescriptions(o.description, n.description, "the device", path: "description", at: o.source["description"], n.source["description"])

        let (op, np) = (o.pci, n.pci)
        compare(op.vendor, np.vendor, .pciVendorChanged, "the PCI vendor id", path: "pci/vendor", at: op.source["vendor"], np.source["vendor"], show: Self.hex)
        let devicesLocation = { (pci: PCIIdentity) in pci.source.wrote("devices") ? pci.source["devices"] : pci.source["device"] }
        for id in op.devices where !np.devices.contains(id) {
            report(
                .pciDeviceIDRemoved, "device id \(Hex.string(id, digits: 4)) was removed: the driver no longer matches it", path: "pci/devices",
                old: Hex.string(id, digits: 4), at: devicesLocation(op), devicesLocation(np))
        }
        for id in np.devices where !op.devices.contains(id) {
            report(
                .pciDeviceIDAdded, "device id \(Hex.string(id, digits: 4)) was added", path: "pci/devices",
                new: Hex.string(id, digits: 4), at: devicesLocation(op), devicesLocation(np))
        }
        compare(op.revision, np.revision, .pciRevisionChanged, "the revision", path: "pci/revision", at: op.source["revision"], np.source["revision"], show: Self.optionalHex)
        let classMatters = o.driver.matchClassCode || n.driver.matchClassCode
        compare(
            op.classCode, np.classCode, classMatters ? .pciClassMatchChanged : .pciClassChanged, "the class code", path: "pci/class",
            at: op.source["class"], np.source["class"], show: Self.optionalHex)
        let oldSubsystem = op.subsystem.map { "\(Hex.string(op.subsystemVendor ?? 0, digits: 4)):\(Hex.string($0, digits: 4))" } ?? "none"
        let newSubsystem = np.subsystem.map { "\(Hex.string(np.subsystemVendor ?? 0, digits: 4)):\(Hex.string($0, digits: 4))" } ?? "none"
        compare(
            oldSubsystem, newSubsystem, .pciSubsystemChanged, "the subsystem ids (IOPCISecondaryMatch)", path: "pci/subsystem",
            at: op.source["subsystem"], np.source["subsystem"]
        ) { $0 }

        let (ot, nt) = (o.thunderbolt, n.thunderbolt)
        if ot.tunnelCompatible != nt.tunnelCompatible {
            report(
                nt.tunnelCompatible ? .tunnelCompatibilityAdded : .tunnelCompatibilityDropped,
                nt.tunnelCompatible
                    ? "the driver now matches devices tunnelled over Thunderbolt" : "'tunnel-compatible' was dropped: the driver no longer matches over Thunderbolt",
                path: "thunderbolt/tunnel-compatible", old: "\(ot.tunnelCompatible)", new: "\(nt.tunnelCompatible)",
                at: ot.source["tunnel-compatible"], nt.source["tunnel-compatible"])
        }
        if ot.pauseCompatible != nt.pauseCompatible {
            report(
                nt.pauseCompatible ? .pauseCompatibilityAdded : .pauseCompatibilityDropped,
                nt.pauseCompatible ? "the driver now declares pause support" : "'pause-compatible' was dropped: macOS will stop the driver instead of pausing it",
                path: "thunderbolt/pause-compatible", old: "\(ot.pauseCompatible)", new: "\(nt.pauseCompatible)",
                at: ot.source["pause-compatible"], nt.source["pause-compatible"])
        }
        compare(
            o.isStorage, n.isStorage, .storageChanged, "'storage' (the External interconnect property)", path: "storage",
            at: o.source["storage"], n.source["storage"]
        ) { "\($0)" }

        let (od, nd) = (o.driver, n.driver)
        compare(od.className, nd.className, .driverClassRenamed, "the driver class", path: "driver/class", at: od.source["class"], nd.source["class"], quoted: true) { $0 }
        compare(
            od.bundleIdentifier, nd.bundleIdentifier, .bundleIDChanged, "the bundle id", path: "driver/bundle-id",
            at: od.source["bundle-id"], nd.source["bundle-id"], quoted: true
        ) { $0 }
        compare(
            od.probeScore, nd.probeScore, .probeScoreChanged, "the probe score", path: "driver/probe-score",
            at: od.source["probe-score"], nd.source["probe-score"]
        ) { $0.map(String.init) ?? "none" }
        compare(
            od.userClientClass, nd.userClientClass, .userClientChanged, "the user client class", path: "driver/user-client",
            at: od.source["user-client"], nd.source["user-client"], quoted: true
        ) { $0 ?? "none" }
        compare(
            od.matchClassCode, nd.matchClassCode, .pciClassMatchChanged, "'match-class-code'", path: "driver/match-class-code",
            at: od.source["match-class-code"], nd.source["match-class-code"]
        ) { "\($0)" }
    }
}
