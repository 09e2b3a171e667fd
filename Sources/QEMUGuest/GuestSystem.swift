#if os(Linux)
import Glibc
import VFIOHost

/// What the guest needs before a scenario can open a device through VFIO, checked up front so a
/// missing piece is one clear line instead of a failure in every scenario.
public enum GuestSystem {
    /// Throws, saying what is missing: the vfio-pci driver, or an IOMMU.
    public static func checkVFIO(sysfs: String = "/sys") throws(VFIOError) {
        guard access(sysfs + "/bus/pci/drivers/vfio-pci", F_OK) == 0 else {
            throw VFIOError("the vfio-pci driver is not loaded in the guest: the initramfs must load vfio-pci.ko (drivergen qemu packs it from the kernel's modules)")
        }
        guard !entries(of: sysfs + "/kernel/iommu_groups").isEmpty else {
            throw VFIOError(
                "the guest has no IOMMU, so VFIO cannot open any device: QEMU needs -M q35 -device intel-iommu,intremap=on "
                    + "and the kernel intel_iommu=on (drivergen qemu adds both; a machine type or kernel command line of your own must keep them)")
        }
    }

    /// The PCI functions of the guest, one per line, for a scenario that did not find its device.
    public static func functionList(sysfs: String = "/sys") -> String {
        let functions = PCIFunction.all(sysfs: sysfs + "/bus/pci/devices")
        return functions.isEmpty ? "no PCI functions" : functions.map(\.description).joined(separator: "\n")
    }

    private static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
#endif
