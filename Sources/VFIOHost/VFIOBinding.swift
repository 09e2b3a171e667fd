#if os(Linux)
import Glibc

/// Checks that a PCI function can be opened through VFIO, and binds it to `vfio-pci` when
/// asked. Every refusal says what to run.
public enum VFIOBinding {
    /// The driver the function is bound to, if any.
    public static func driver(of address: PCIAddress) -> String? {
        Sysfs.link(address.sysfsPath + "/driver")
    }

    /// The function's IOMMU group number.
    public static func iommuGroup(of address: PCIAddress) throws(VFIOError) -> Int {
        guard Sysfs.exists(address.sysfsPath) else {
            let present = Sysfs.list("/sys/bus/pci/devices").joined(separator: ", ")
            throw VFIOError("no PCI function at \(address); present: \(present.isEmpty ? "none" : present)")
        }
        guard let group = Sysfs.link(address.sysfsPath + "/iommu_group").flatMap({ Int($0) }) else {
            throw VFIOError(
                "\(address) has no IOMMU group: the kernel runs without an IOMMU. Boot with intel_iommu=on "
                    + "(or amd_iommu=on) and enable VT-d / AMD-Vi in the firmware; in QEMU add "
                    + "-M q35 -device intel-iommu,intremap=on")
        }
        return group
    }

    /// Throws unless `address` is bound to `vfio-pci` and every function of its IOMMU group is
    /// bound to `vfio-pci` or to no driver.
    public static func checkBound(_ address: PCIAddress) throws(VFIOError) {
        let group = try iommuGroup(of: address)
        guard driver(of: address) == "vfio-pci" else {
            let current = driver(of: address).map { "bound to \($0)" } ?? "not bound to any driver"
            throw VFIOError("\(address) is \(current), not vfio-pci. " + bindCommands(address) + " (or open it with bind: true)")
        }
        for member in Sysfs.list("/sys/kernel/iommu_groups/\(group)/devices") {
            guard let memberAddress = PCIAddress(member), memberAddress != address else { continue }
            if let other = driver(of: memberAddress), other != "vfio-pci", other != "pcieport" {
                throw VFIOError(
                    "IOMMU group \(group) is not viable: \(memberAddress) in the same group is bound to \(other). "
                        + "Every function of the group must be bound to vfio-pci or to no driver: " + bindCommands(memberAddress))
            }
        }
    }

    /// Binds `address` to `vfio-pci` through `driver_override`: loads nothing, so the
    /// `vfio-pci` module must be loaded (`modprobe vfio-pci`).
    public static func bind(_ address: PCIAddress) throws(VFIOError) {
        _ = try iommuGroup(of: address)
        if driver(of: address) == "vfio-pci" { return }
        guard Sysfs.exists("/sys/bus/pci/drivers/vfio-pci") else {
            throw VFIOError("the vfio-pci driver is not loaded: run `modprobe vfio-pci` (as root)")
        }
        try Sysfs.write("vfio-pci", to: address.sysfsPath + "/driver_override")
        if driver(of: address) != nil {
            try Sysfs.write(address.description, to: address.sysfsPath + "/driver/unbind")
        }
        try Sysfs.write(address.description, to: "/sys/bus/pci/drivers_probe")
        guard driver(of: address) == "vfio-pci" else {
            throw VFIOError("binding \(address) to vfio-pci did not take; dmesg may say why")
        }
    }

    /// The shell commands that bind `address` to vfio-pci.
    static func bindCommands(_ address: PCIAddress) -> String {
        var commands = ["modprobe vfio-pci", "echo vfio-pci > \(address.sysfsPath)/driver_override"]
        if driver(of: address) != nil { commands.append("echo \(address) > \(address.sysfsPath)/driver/unbind") }
        commands.append("echo \(address) > /sys/bus/pci/drivers_probe")
        return "Run (as root): " + commands.joined(separator: "; ")
    }
}
#endif
