#if os(Linux)
import DriverRuntime
import QEMUGuest
import GeneratedDrivers
import VFIOHost

/// The generated NVMe driver (from the NVMe 1.4 specification) on QEMU's nvme, backed by a raw
/// image file the host script created: enable within CAP.TO, the admin queue, Identify, an I/O
/// queue pair on MSI-X vector 1, a block pattern written, flushed and read back (the host checks
/// the image file afterwards), orderly shutdown.
@MainActor
func runNVMeScenarios(_ harness: GuestHarness) async {
    let address: PCIAddress
    do {
        address = try PCIFunction.find(vendor: 0x1B36, device: 0x0010).address
    } catch {
        await harness.scenario("nvme: the device is present") { throw error }
        return
    }
    let host = VFIOHost()
    host.register(NVMeDriver.self, personalities: NVMe.personalities)

    var attachment: VFIOAttachment?
    await harness.scenario("nvme: matching picks NVMeDriver; start enables the controller (CSTS.RDY within CAP.TO)") {
        let attached = try await host.attach(address, bind: true, tunnelled: true)
        attachment = attached
        harness.expectEqual(attached.personality.name, "NVMeDriver", "winning personality")
        let driver = attached.driver(as: NVMeDriver.self)
        harness.expect(await driver.isRegistered, "registered")
        harness.expect(await driver.run { $0.registers.status.read().ready }, "CSTS.RDY")
        harness.expectEqual(await driver.properties[ServiceProperty.physicalInterconnectLocation], .string("External"), "external storage")
    }
    guard let attachment else { return }
    let driver = attachment.driver(as: NVMeDriver.self)

    await harness.scenario("nvme: Identify Controller through the admin queue gives QEMU's model and the serial given") {
        let controller = try await driver.identifyController()
        print("    Identify: model '\(controller.modelNumber)', serial '\(controller.serialNumber)', firmware '\(controller.firmwareRevision)'")
        harness.expectEqual(controller.modelNumber, "QEMU NVMe Ctrl", "model number")
        harness.expectEqual(controller.serialNumber, QEMUNVMe.serial, "serial number")
        harness.expectEqual(controller.vendorID, 0x1B36, "PCI vendor id")
        harness.expectEqual(controller.submissionEntrySizeRequired, 6, "64-byte submission entries")
        harness.expectEqual(controller.completionEntrySizeRequired, 4, "16-byte completion entries")
        harness.expect(await driver.completionInterrupts[0] >= 1, "the completion came on MSI-X vector 0")
    }

    await harness.scenario("nvme: Identify Namespace gives the image's size in blocks") {
        let namespace = try await driver.identifyNamespace()
        let blockSize = await driver.blockSize
        print("    Namespace 1: \(namespace.namespaceSize) blocks of \(blockSize) bytes")
        harness.expectEqual(namespace.namespaceSize * UInt64(blockSize), UInt64(QEMUNVMe.imageBytes), "namespace bytes")
    }

    await harness.scenario("nvme: an I/O queue pair on MSI-X vector 1; 4 KiB written to LBA \(QEMUNVMe.lba), flushed, read back equal") {
        try await driver.createIOQueuePair()
        let source = try await driver.allocateDMABuffer(length: QEMUNVMe.pattern.count, direction: .toDevice)
        let destination = try await driver.allocateDMABuffer(length: QEMUNVMe.pattern.count, direction: .fromDevice)
        defer {
            source.release()
            destination.release()
        }
        source.copyBytes(from: QEMUNVMe.pattern)
        let blocks = QEMUNVMe.pattern.count / (await driver.blockSize)
        let before = await driver.completionInterrupts[1]
        try await driver.write(lba: QEMUNVMe.lba, blocks: blocks, from: source)
        try await driver.flush()
        try await driver.read(lba: QEMUNVMe.lba, blocks: blocks, into: destination)
        let interrupts = await driver.completionInterrupts[1] - before
        print("    Wrote and read \(QEMUNVMe.pattern.count) bytes at LBA \(QEMUNVMe.lba); \(interrupts) completion interrupts on vector 1")
        harness.expect(destination.bytes(at: 0, count: QEMUNVMe.pattern.count) == QEMUNVMe.pattern, "the block read back equals the pattern")
        harness.expect(interrupts >= 1, "the I/O completions came on MSI-X vector 1")
    }

    await harness.scenario("nvme: a read past the namespace fails with the controller's status") {
        let buffer = try await driver.allocateDMABuffer(length: 4096, direction: .fromDevice)
        defer { buffer.release() }
        let blockSize = await driver.blockSize
        do throws(PCIError) {
            try await driver.read(lba: UInt64(QEMUNVMe.imageBytes / blockSize), blocks: 1, into: buffer)
            harness.expect(false, "the read succeeded")
        } catch {
            print("    \(error)")
            harness.expect("\(error)".contains("status code type generic, status code 0x80"), "LBA Out of Range (0x80): \(error)")
        }
    }

    await harness.scenario("nvme: stop deletes the I/O queues and shuts the controller down (CSTS.SHST complete)") {
        await attachment.stopDriver()
        harness.expect(await driver.isShutDown, "CSTS.SHST said the shutdown is complete")
        harness.expectEqual(attachment.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0, "memory space and bus master off")
        await attachment.detach()
    }
}

/// What the host script gives QEMU's nvme, and what it checks in the image afterwards.
enum QEMUNVMe {
    static let serial = "DRIVERGEN-QEMU-01"
    /// The image file's size (`truncate -s 4M`).
    static let imageBytes = 4 * 1024 * 1024
    /// Where the pattern goes: byte 8192 of the image with 512-byte blocks.
    static let lba: UInt64 = 16
    /// 4 KiB the host script recomputes: byte i is (i * 7 + i / 256) mod 256.
    static let pattern: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }
}
#endif
