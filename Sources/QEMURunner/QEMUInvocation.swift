/// The QEMU command line: a q35 machine with an emulated IOMMU (which VFIO in the guest needs),
/// KVM when the host allows it and TCG otherwise, the kernel and initramfs, a serial console,
/// and the configuration's devices.
public struct QEMUInvocation: Equatable, Sendable {
    public var arguments: [String]

    public init(kernel: String, initramfs: String, memory: Int, kvm: Bool, devices: [[String]], work: String) {
        // Interrupt remapping (which VFIO's MSI in the guest uses) needs a split irqchip under KVM.
        var arguments = ["-M", kvm ? "q35,kernel-irqchip=split" : "q35", "-m", "\(memory)", "-smp", "1", "-nographic", "-no-reboot"]
        arguments += kvm ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg"]
        arguments += ["-kernel", kernel, "-initrd", initramfs, "-append", "console=ttyS0 intel_iommu=on panic=-1 quiet"]
        arguments += ["-device", "intel-iommu,intremap=on"]
        for group in devices {
            arguments += group.map { $0.replacingOccurrences(of: "{work}", with: work) }
        }
        self.arguments = arguments
    }

    /// The message QEMU printed about its arguments, if it refused them (`qemu-system-x86_64: ...`).
    public static func refusal(in output: String) -> String? {
        let lines = ConsoleReport.lines(output).filter { $0.hasPrefix("qemu-system-") && !$0.contains("terminating on signal") }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
