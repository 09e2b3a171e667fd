#if os(Linux)
import Testing
import VFIOHost

/// What can be checked of the VFIO host without a device bound to vfio-pci: addresses, and the
/// refusal for a function that is not there. The QEMU tier runs the rest on real devices.
@Suite struct VFIOHostTests {
    @Test func pciAddressesParseAndPrintAsLinuxWritesThem() {
        #expect(PCIAddress("0000:00:03.0")?.description == "0000:00:03.0")
        #expect(PCIAddress("00:1f.3") == PCIAddress(domain: 0, bus: 0, device: 0x1F, function: 3))
        #expect(PCIAddress("abcd:ef:1f.7")?.description == "abcd:ef:1f.7")
        #expect(PCIAddress("0000:00:03.0")?.sysfsPath == "/sys/bus/pci/devices/0000:00:03.0")
        for bad in ["", "00:03", "0:00:03.0", "0000:00:20.0", "0000:00:03.8", "0000:000:03.0", "zz:00.0", "0000:00:03.0.1"] {
            #expect(PCIAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func aFunctionThatIsNotThereIsRefusedWithTheOnesThatAre() {
        let address = PCIAddress(domain: 0xFFFF, bus: 0xFF, device: 0x1F, function: 7)
        #expect {
            try VFIODevice(address: address)
        } throws: { error in
            "\(error)".hasPrefix("no PCI function at ffff:ff:1f.7; present: ")
        }
    }
}
#endif
