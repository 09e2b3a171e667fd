#if os(Linux)
import Foundation
import QEMUGuest
import Testing
import VFIOHost

/// The guest side: finding functions by ids (the refusal lists what is there), the VFIO
/// preflight, and the lines the runner reads.
@Suite struct GuestTests {
    /// A folder laid out as sysfs: one PCI function (an e1000e), and the given extras.
    func fakeSysfs(vfioLoaded: Bool, iommuGroups: Int) throws -> String {
        let root = NSTemporaryDirectory() + "drivergen-sysfs-" + UUID().uuidString
        let function = root + "/bus/pci/devices/0000:00:03.0"
        try FileManager.default.createDirectory(atPath: function, withIntermediateDirectories: true)
        for (name, value) in [("vendor", "0x8086"), ("device", "0x10d3"), ("class", "0x020000"), ("subsystem_vendor", "0x8086"), ("subsystem_device", "0x0000")] {
            try (value + "\n").write(toFile: function + "/" + name, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/kernel/iommu_groups", withIntermediateDirectories: true)
        for group in 0..<iommuGroups { try FileManager.default.createDirectory(atPath: root + "/kernel/iommu_groups/\(group)", withIntermediateDirectories: true) }
        if vfioLoaded { try FileManager.default.createDirectory(atPath: root + "/bus/pci/drivers/vfio-pci", withIntermediateDirectories: true) }
        return root
    }

    @Test func aDeviceThatIsNotThereListsTheFunctionsThatAre() throws {
        let sysfs = try fakeSysfs(vfioLoaded: true, iommuGroups: 1)
        defer { try? FileManager.default.removeItem(atPath: sysfs) }
        #expect(throws: VFIOError("no PCI function 1234:11e8; present: 0000:00:03.0 8086:10d3 class 020000 (no driver)")) {
            try PCIFunction.find(vendor: 0x1234, device: 0x11E8, sysfs: sysfs + "/bus/pci/devices")
        }
        let found = try PCIFunction.find(vendor: 0x8086, classCode: 0x020000, sysfs: sysfs + "/bus/pci/devices")
        #expect(found.address == PCIAddress(bus: 0, device: 3, function: 0) && found.device == 0x10D3)
    }

    @Test func aGuestWithoutAnIOMMUIsToldWhatQEMUNeeds() throws {
        let sysfs = try fakeSysfs(vfioLoaded: true, iommuGroups: 0)
        defer { try? FileManager.default.removeItem(atPath: sysfs) }
        #expect(
            throws: VFIOError(
                "the guest has no IOMMU, so VFIO cannot open any device: QEMU needs -M q35 -device intel-iommu,intremap=on and the kernel "
                    + "intel_iommu=on (drivergen qemu adds both; a machine type or kernel command line of your own must keep them)")
        ) {
            try GuestSystem.checkVFIO(sysfs: sysfs)
        }
    }

    @Test func aGuestWithoutVFIOPCIIsToldToLoadIt() throws {
        let sysfs = try fakeSysfs(vfioLoaded: false, iommuGroups: 1)
        defer { try? FileManager.default.removeItem(atPath: sysfs) }
        #expect(throws: VFIOError("the vfio-pci driver is not loaded in the guest: the initramfs must load vfio-pci.ko (drivergen qemu packs it from the kernel's modules)")) {
            try GuestSystem.checkVFIO(sysfs: sysfs)
        }
        let ready = try fakeSysfs(vfioLoaded: true, iommuGroups: 2)
        defer { try? FileManager.default.removeItem(atPath: ready) }
        #expect(throws: Never.self) { try GuestSystem.checkVFIO(sysfs: ready) }
    }

    @MainActor
    @Test func scenariosPrintForPeopleAndForTheRunner() async {
        var lines: [String] = []
        let harness = GuestHarness { lines.append($0) }
        await harness.scenario("calculator: 10!") { harness.expectEqual(3_628_800, 3_628_801, "factorial", line: 7) }
        await harness.scenario("calculator: \"alive\"") {}
        #expect(harness.summary == "1 passed, 1 failed")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("FAIL calculator: 10! ("))
        #expect(lines[1] == "    line 7: factorial: expected 3628801, got 3628800")
        #expect(lines[2].hasPrefix(#"drivergen-scenario: {"name":"calculator: 10!","result":"fail","milliseconds":"#))
        #expect(lines[2].hasSuffix(#","failures":["line 7: factorial: expected 3628801, got 3628800"]}"#))
        #expect(lines[4].hasPrefix(#"drivergen-scenario: {"name":"calculator: \"alive\"","result":"pass""#))
    }
}
#endif
