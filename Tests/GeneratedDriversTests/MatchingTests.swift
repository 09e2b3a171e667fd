import DriverRuntime
import GeneratedDrivers
import Testing

/// IOKit-style matching of the generated personalities, by IOPCIBridge's rules.
@Suite struct MatchingTests {
    static func device(_ layout: DeviceLayout, deviceID: UInt16? = nil, tunnelled: Bool = true) -> PCIMatchDevice {
        PCIMatchDevice(
            vendor: layout.pci.vendor, device: deviceID ?? layout.pci.devices[0], subsystemVendor: layout.pci.subsystemVendor,
            subsystem: layout.pci.subsystem, classCode: layout.pci.classCode, revision: layout.pci.revision, isTunnelled: tunnelled)
    }

    static let bundled: [(layout: DeviceLayout, personalities: [Personality], entitlement: [[String: PropertyValue]])] = [
        (Edu.layout, Edu.personalities, Edu.pciTransportEntitlement),
        (Ivshmem.layout, Ivshmem.personalities, Ivshmem.pciTransportEntitlement),
        (BoltStore.layout, BoltStore.personalities, BoltStore.pciTransportEntitlement),
    ]

    @Test func everyBundledDeviceMatchesItsOwnPersonalityOverThunderbolt() {
        for (layout, personalities, _) in Self.bundled {
            for id in layout.pci.devices {
                let result = PersonalityMatcher.evaluate(personalities[0], against: Self.device(layout, deviceID: id))
                #expect(result.isMatch, "\(layout.name) \(id): \(result)")
            }
        }
        #expect(PersonalityMatcher.evaluate(BoltStore.personalities[0], against: Self.device(BoltStore.layout)) == .matched(score: 5000))
    }

    @Test func devicesDoNotMatchEachOthersPersonalities() {
        #expect(!PersonalityMatcher.evaluate(Edu.personalities[0], against: Self.device(Ivshmem.layout)).isMatch)
        var wrongSubsystem = Self.device(BoltStore.layout)
        wrongSubsystem.subsystem = 0x0002
        let result = PersonalityMatcher.evaluate(BoltStore.personalities[0], against: wrongSubsystem)
        #expect(result == .refused(reason: "IOPCISecondaryMatch '0x0001abcd' does not match config 0x2C = 0x0002abcd"))
    }

    @Test func aTunnelledDeviceNeedsTunnelCompatible() {
        var properties = Edu.personalities[0].properties
        properties["IOPCITunnelCompatible"] = nil
        let personality = Personality(name: "EduDriver", properties: properties)
        #expect(PersonalityMatcher.evaluate(personality, against: Self.device(Edu.layout, tunnelled: false)).isMatch)
        #expect(
            PersonalityMatcher.evaluate(personality, against: Self.device(Edu.layout, tunnelled: true))
                == .refused(reason: "device is tunnelled over Thunderbolt and the personality needs \"IOPCITunnelCompatible\" key"))
        properties["IOPCITunnelCompatible"] = .bool(false)
        #expect(!PersonalityMatcher.evaluate(Personality(name: "EduDriver", properties: properties), against: Self.device(Edu.layout)).isMatch)
    }

    @Test func valuesAreAlwaysHex() {
        let personality = Personality(name: "P", properties: ["IOPCIPrimaryMatch": .string("00014098")])
        // "4098" is 0x4098, not decimal 4098 (0x1002).
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x4098, device: 0x0001)).isMatch)
        #expect(!PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1002, device: 0x0001)).isMatch)
        #expect(PersonalityMatcher.parse("4098", defaultMask: 0xFFFF_FFFF).map(\.value) == [0x4098])
        #expect(PersonalityMatcher.parse("0x11E81234 0x11e91234&0xffff", defaultMask: 0xFFFF_FFFF).map(\.value) == [0x11E8_1234, 0x11E9_1234])
        #expect(PersonalityMatcher.parse("0x11E81234 0x11e91234&0xffff", defaultMask: 0xFFFF_FFFF).map(\.mask) == [0xFFFF_FFFF, 0xFFFF])
    }

    @Test func alternativesAndMasks() {
        let personality = Personality(name: "P", properties: ["IOPCIPrimaryMatch": .string("0x11111234 0x00001234&0x0000ffff")])
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1234, device: 0x1111)).isMatch)
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1234, device: 0x9999)).isMatch, "vendor-wide alternative")
        #expect(!PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x4321, device: 0x1111)).isMatch)
    }

    @Test func classMatchWithAndWithoutAMask() {
        let storage = PCIMatchDevice(vendor: 0xABCD, device: 0x5100, classCode: 0x01_80_00, revision: 0x02)
        // Without a mask: 0xFFFFFF00, the whole class code, any revision.
        let exact = Personality(name: "P", properties: ["IOPCIClassMatch": .string("0x01800000")])
        #expect(PersonalityMatcher.evaluate(exact, against: storage).isMatch)
        var nvme = storage
        nvme.classCode = 0x01_08_02
        #expect(!PersonalityMatcher.evaluate(exact, against: nvme).isMatch)
        // With a mask: any mass-storage device.
        let anyStorage = Personality(name: "P", properties: ["IOPCIClassMatch": .string("0x01000000&0xff000000")])
        #expect(PersonalityMatcher.evaluate(anyStorage, against: storage).isMatch)
        #expect(PersonalityMatcher.evaluate(anyStorage, against: nvme).isMatch)
        // A mask may include the revision.
        let revisionTwo = Personality(name: "P", properties: ["IOPCIClassMatch": .string("0x01800002&0xffffffff")])
        #expect(PersonalityMatcher.evaluate(revisionTwo, against: storage).isMatch)
        nvme.classCode = 0x01_80_00
        nvme.revision = 3
        #expect(!PersonalityMatcher.evaluate(revisionTwo, against: nvme).isMatch)
    }

    @Test func everyKeyPresentMustMatch() {
        let personality = Personality(
            name: "P",
            properties: [
                "IOPCIPrimaryMatch": .string("0x00011234"),
                "IOPCIClassMatch": .string("0x02000000&0xffff0000"),
            ])
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1234, device: 1, classCode: 0x02_00_00)).isMatch)
        #expect(!PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1234, device: 1, classCode: 0x03_00_00)).isMatch)
    }

    @Test func pciMatchAlsoTriesTheSubsystemRegister() {
        let personality = Personality(name: "P", properties: ["IOPCIMatch": .string("0x0001abcd")])
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0xABCD, device: 1)).isMatch)
        #expect(PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1111, device: 9, subsystemVendor: 0xABCD, subsystem: 1)).isMatch)
        #expect(!PersonalityMatcher.evaluate(personality, against: PCIMatchDevice(vendor: 0x1111, device: 9)).isMatch)
    }

    @Test func theEntitlementCoversEveryPersonality() {
        for (layout, personalities, entitlement) in Self.bundled {
            for personality in personalities {
                for id in layout.pci.devices {
                    let device = Self.device(layout, deviceID: id)
                    #expect(PersonalityMatcher.evaluate(personality, against: device).isMatch)
                    #expect(
                        entitlement.contains { PersonalityMatcher.matchRegisters($0, against: device).isMatch },
                        "the entitlement of \(layout.name) must cover device \(id)")
                }
            }
        }
    }
}
