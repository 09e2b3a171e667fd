#if os(Linux)
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Glibc
import VFIOHost

/// The generated `Edu` driver and the `EduDriver` file, unchanged from what the simulator tests
/// use, on QEMU's own edu device.
func runEduScenarios(_ harness: Harness) {
    let address: PCIAddress
    do {
        address = try GuestDevices.find(vendor: 0x1234, device: 0x11E8)
    } catch {
        harness.scenario("edu: the device is present") { throw error }
        return
    }

    harness.scenario("edu: an unbound device is refused with the commands that bind it") {
        do {
            _ = try VFIODevice(address: address)
            harness.expect(false, "opening an unbound device succeeded")
        } catch {
            harness.expect("\(error)".contains("not bound to any driver, not vfio-pci"), "message: \(error)")
            harness.expect("\(error)".contains("echo vfio-pci > /sys/bus/pci/devices/\(address)/driver_override"), "message: \(error)")
        }
    }

    harness.scenario("edu: binding through driver_override") {
        try VFIOBinding.bind(address)
        harness.expectEqual(VFIOBinding.driver(of: address), "vfio-pci", "driver")
    }

    runEduDifferentialCheck(harness, address: address)

    let host = VFIOHost()
    host.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
    host.register(EduDriver.self, personalities: Edu.personalities)
    host.register(BoltStoreDriver.self, personalities: BoltStore.personalities)

    harness.scenario("edu: a personality without IOPCITunnelCompatible does not match a tunnelled device") {
        let strict = VFIOHost()
        var properties = Edu.personalities[0].properties
        properties[PersonalityKey.tunnelCompatible] = nil
        strict.register(EduDriver.self, personalities: [Personality(name: "EduDriver", properties: properties)])
        do {
            _ = try strict.attach(address, tunnelled: true)
            harness.expect(false, "the driver matched")
        } catch {
            harness.expect("\(error)".contains("needs \"IOPCITunnelCompatible\" key"), "reason: \(error)")
        }
    }

    var attachment: VFIOAttachment?
    harness.scenario("edu: matching picks EduDriver and it starts") {
        let attached = try host.attach(address, tunnelled: true)
        attachment = attached
        harness.expectEqual(attached.personality.name, "EduDriver", "winning personality")
        let driver = attached.driver(as: EduDriver.self)
        harness.expect(driver.queue.sync { driver.isRegistered }, "registerService was called")
        harness.expectEqual(attached.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0x6, "memory space and bus master")
        harness.expectEqual(attached.provider.mappedBARs, [0], "BAR 0 is mapped")
    }
    guard let attachment else { return }
    let driver = attachment.driver(as: EduDriver.self)

    harness.scenario("edu: identification and liveness") {
        let version = driver.queue.sync { driver.version() }
        harness.expect(version?.major == 1 && version?.minor == 0, "version \(String(describing: version))")
        harness.expect(driver.queue.sync { driver.isAlive() }, "liveness check")
    }

    harness.scenario("edu: factorials through MSI (0, 1, 10, 12, 13, 20)") {
        let inputs: [UInt32] = [0, 1, 10, 12, 13, 20]
        for (index, n) in inputs.enumerated() {
            driver.queue.sync { driver.computeFactorial(n) }
            let arrived = attachment.wait(timeout: .seconds(10)) { driver.factorials.count == index + 1 }
            harness.expect(arrived, "the interrupt for \(n)! arrived")
            guard arrived else { return }
        }
        let expected = inputs.map { n in (1...max(n, 1)).reduce(UInt32(1)) { $0 &* $1 } }
        harness.expectEqual(driver.queue.sync { driver.factorials }, expected, "factorials (uint32 arithmetic, as edu computes them)")
        harness.expectEqual(attachment.provider.memoryRead32(memoryIndex: 0, offset: 0x24), 0, "interrupt status acknowledged")
    }

    harness.scenario("edu: a factorial by polling the computing bit with a timeout") {
        let result = try driver.queue.sync { try driver.factorial(of: 12, timeout: .seconds(5)) }
        harness.expectEqual(result, 479_001_600, "12!")
    }

    harness.scenario("edu: DMA both ways through DMA buffers, with the completion interrupt") {
        let pattern = (0..<256).map { UInt8(($0 * 7 + 3) & 0xFF) }
        let outgoing = try driver.queue.sync { try driver.makeDMABuffer(length: 4096, direction: .toDevice) }
        let incoming = try driver.queue.sync { try driver.makeDMABuffer(length: 4096, direction: .fromDevice) }
        defer {
            outgoing.release()
            incoming.release()
        }
        harness.expect(outgoing.deviceAddress + 4096 <= 1 << 28, "below edu's 28-bit DMA limit: \(outgoing.segments)")
        outgoing.copyBytes(from: pattern, at: 32)
        let before = driver.queue.sync { driver.completedTransfers }
        driver.queue.sync { driver.copyToDevice(from: outgoing, offset: 32, count: 256, deviceOffset: 512) }
        harness.expect(attachment.wait(timeout: .seconds(10)) { driver.completedTransfers == before + 1 }, "RAM to device finished")
        driver.queue.sync { driver.copyFromDevice(into: incoming, offset: 64, count: 256, deviceOffset: 512) }
        harness.expect(attachment.wait(timeout: .seconds(10)) { driver.completedTransfers == before + 2 }, "device to RAM finished")
        harness.expectEqual(incoming.bytes(at: 64, count: 256), pattern, "the bytes came back")
        harness.expectEqual(incoming.bytes(at: 0, count: 64), [UInt8](repeating: 0, count: 64), "nothing outside the transfer")
        harness.expectEqual(driver.queue.sync { driver.timedOutTransfers }, 0, "the watchdog did not fire")
    }

    harness.scenario("edu: wrong-width and misaligned reads answer as the simulator says") {
        let provider = attachment.provider
        let index = try provider.barInfo(barIndex: 0).memoryIndex
        harness.expectEqual(provider.memoryRead16(memoryIndex: index, offset: 0x00), 0, "16-bit read at 0x00")
        harness.expectEqual(provider.memoryRead8(memoryIndex: index, offset: 0x24), 0, "8-bit read at 0x24")
        harness.expectEqual(provider.memoryRead64(memoryIndex: index, offset: 0x00), .max, "64-bit read at 0x00")
        harness.expectEqual(provider.memoryRead32(memoryIndex: index, offset: 0x0C), 0xFFFF_FFFF, "unmapped 0x0C")
        harness.expectEqual(provider.memoryRead32(memoryIndex: index, offset: 0x60), 0xFFFF_FFFF, "write-only 0x60")
        let word0 = provider.memoryRead32(memoryIndex: index, offset: 0x00), word4 = provider.memoryRead32(memoryIndex: index, offset: 0x04)
        harness.expectEqual(provider.memoryRead32(memoryIndex: index, offset: 0x01), word0 >> 8 | word4 << 24, "misaligned 0x01: the aligned reads around it, combined")
        harness.expectEqual(provider.memoryRead32(memoryIndex: index, offset: 0x84), 0xFFFF_FFFF, "32-bit read at 0x84")
    }

    harness.scenario("edu: stop clears the command bits and no handler runs afterwards") {
        attachment.stopDriver()
        harness.expect(attachment.isStopped, "stopped")
        harness.expectEqual(attachment.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0, "memory space and bus master off")
        harness.expect(driver.queue.sync { driver.provider == nil }, "the driver let go of its provider")
        harness.expect(driver.queue.sync { driver.interruptSources.isEmpty }, "interrupt sources cancelled")
        attachment.detach()
        harness.expectEqual(VFIOBinding.driver(of: address), "vfio-pci", "the function is back with vfio-pci")
    }
}
#endif
