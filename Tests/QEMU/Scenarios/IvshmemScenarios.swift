#if os(Linux)
import DriverRuntime
import QEMUGuest
import GeneratedDrivers
import VFIOHost

/// The generated ivshmem driver on QEMU's ivshmem-plain, whose BAR 2 is a file on the host:
/// the driver writes a pattern; the host script checks the file after the guest exits.
@MainActor
func runIvshmemScenarios(_ harness: GuestHarness) async {
    let address: PCIAddress
    do {
        address = try PCIFunction.find(vendor: 0x1AF4, device: 0x1110).address
    } catch {
        await harness.scenario("ivshmem: the device is present") { throw error }
        return
    }
    let host = VFIOHost()
    host.register(EduDriver.self, personalities: Edu.personalities)
    host.register(IvshmemDriver.self, personalities: Ivshmem.personalities)

    await harness.scenario("ivshmem: the driver starts on ivshmem-plain without interrupts and writes the shared memory") {
        let attachment = try await host.attach(address, bind: true, tunnelled: true)
        let driver = attachment.driver(as: IvshmemDriver.self)
        harness.expectEqual(attachment.personality.name, "IvshmemDriver", "winning personality")
        harness.expect(await driver.isRegistered, "registered")
        harness.expect(await !driver.interruptsConfigured, "ivshmem-plain offers no MSI-X")
        harness.expectEqual(await driver.peerID(), 0, "IV position of a plain device")
        harness.expectEqual(attachment.provider.mappedBARs, [0, 2], "BARs 0 and 2 are mapped")
        let text = Array("drivergen ivshmem pattern".utf8)
        let words: [UInt8] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]
        await driver.run { driver in
            driver.writeSharedMemory(text, at: 0)
            driver.writeSharedMemory(words, at: 4096)
        }
        harness.expectEqual(await driver.readSharedMemory(at: 0, count: text.count), text, "the text reads back")
        harness.expectEqual(await driver.readSharedMemory(at: 4096, count: 8), words, "the bytes read back")
        await attachment.detach()
    }
}
#endif
