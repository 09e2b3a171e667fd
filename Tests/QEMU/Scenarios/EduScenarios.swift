#if os(Linux)
import DriverRuntime
import QEMUGuest
import DriverSimulator
import GeneratedDrivers
import Glibc
import VFIOHost

/// The generated `Edu` driver and the `EduDriver` file, unchanged from what the simulator tests
/// use, on QEMU's own edu device.
@MainActor
func runEduScenarios(_ harness: GuestHarness) async {
    let address: PCIAddress
    do {
        address = try PCIFunction.find(vendor: 0x1234, device: 0x11E8).address
    } catch {
        await harness.scenario("edu: the device is present") { throw error }
        return
    }

    await harness.scenario("edu: an unbound device is refused with the commands that bind it") {
        do {
            _ = try VFIODevice(address: address)
            harness.expect(false, "opening an unbound device succeeded")
        } catch {
            harness.expect("\(error)".contains("not bound to any driver, not vfio-pci"), "message: \(error)")
            harness.expect("\(error)".contains("echo vfio-pci > /sys/bus/pci/devices/\(address)/driver_override"), "message: \(error)")
        }
    }

    await harness.scenario("edu: binding through driver_override") {
        try VFIOBinding.bind(address)
        harness.expectEqual(VFIOBinding.driver(of: address), "vfio-pci", "driver")
    }

    await runEduDifferentialCheck(harness, address: address)

    let host = VFIOHost()
    host.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
    host.register(EduDriver.self, personalities: Edu.personalities)
    host.register(BoltStoreDriver.self, personalities: BoltStore.personalities)

    await harness.scenario("edu: a personality without IOPCITunnelCompatible does not match a tunnelled device") {
        let strict = VFIOHost()
        var properties = Edu.personalities[0].properties
        properties[PersonalityKey.tunnelCompatible] = nil
        strict.register(EduDriver.self, personalities: [Personality(name: "EduDriver", properties: properties)])
        do {
            _ = try await strict.attach(address, tunnelled: true)
            harness.expect(false, "the driver matched")
        } catch {
            harness.expect("\(error)".contains("needs \"IOPCITunnelCompatible\" key"), "reason: \(error)")
        }
    }

    var attachment: VFIOAttachment?
    await harness.scenario("edu: matching picks EduDriver and it starts") {
        let attached = try await host.attach(address, tunnelled: true)
        attachment = attached
        harness.expectEqual(attached.personality.name, "EduDriver", "winning personality")
        let driver = attached.driver(as: EduDriver.self)
        harness.expect(await driver.isRegistered, "registerService was called")
        harness.expectEqual(attached.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0x6, "memory space and bus master")
        harness.expectEqual(attached.provider.mappedBARs, [0], "BAR 0 is mapped")
    }
    guard let attachment else { return }
    let driver = attachment.driver(as: EduDriver.self)

    await harness.scenario("edu: identification and liveness") {
        let version = await driver.version()
        harness.expect(version?.major == 1 && version?.minor == 0, "version \(String(describing: version))")
        harness.expect(await driver.isAlive(), "liveness check")
    }

    await harness.scenario("edu: factorials awaited through MSI (0, 1, 10, 12, 13, 20)") {
        let inputs: [UInt32] = [0, 1, 10, 12, 13, 20]
        var results: [UInt32] = []
        for n in inputs {
            results.append(try await driver.factorial(of: n, timeout: .seconds(10)))
        }
        let expected = inputs.map { n in (1...max(n, 1)).reduce(UInt32(1)) { $0 &* $1 } }
        harness.expectEqual(results, expected, "factorials (uint32 arithmetic, as edu computes them)")
        harness.expectEqual(await driver.factorials, expected, "the handler recorded each")
        harness.expectEqual(attachment.provider.memoryRead32(memoryIndex: 0, offset: 0x24), 0, "interrupt status acknowledged")
    }

    await harness.scenario("edu: a factorial by polling the computing bit with a timeout") {
        let result = try await driver.polledFactorial(of: 12, timeout: .seconds(5))
        harness.expectEqual(result, 479_001_600, "12!")
    }

    await harness.scenario("edu: DMA both ways through DMA buffers, with the completion interrupt") {
        let pattern = (0..<256).map { UInt8(($0 * 7 + 3) & 0xFF) }
        let outgoing = try await driver.makeDMABuffer(length: 4096, direction: .toDevice)
        let incoming = try await driver.makeDMABuffer(length: 4096, direction: .fromDevice)
        defer {
            outgoing.release()
            incoming.release()
        }
        harness.expect(outgoing.deviceAddress + 4096 <= 1 << 28, "below edu's 28-bit DMA limit: \(outgoing.segments)")
        outgoing.copyBytes(from: pattern, at: 32)
        let before = await driver.completedTransfers
        try await driver.copyToDevice(from: outgoing, offset: 32, count: 256, deviceOffset: 512, timeout: .seconds(10))
        try await driver.copyFromDevice(into: incoming, offset: 64, count: 256, deviceOffset: 512, timeout: .seconds(10))
        harness.expectEqual(await driver.completedTransfers, before + 2, "both transfers finished")
        harness.expectEqual(incoming.bytes(at: 64, count: 256), pattern, "the bytes came back")
        harness.expectEqual(incoming.bytes(at: 0, count: 64), [UInt8](repeating: 0, count: 64), "nothing outside the transfer")
        harness.expectEqual(await driver.timedOutTransfers, 0, "no transfer timed out")
    }

    await harness.scenario("edu: wrong-width and misaligned reads answer as the simulator says") {
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

    await harness.scenario("edu: an awaited completion that never comes ends in the timeout error") {
        // The vector's source disabled: the device interrupts, nothing is delivered.
        await driver.run { $0.interruptSources[0].setEnabled(false) }
        do throws(PCIError) {
            let value = try await driver.factorial(of: 6, timeout: .milliseconds(200))
            harness.expect(false, "a completion arrived: \(value)")
        } catch {
            harness.expectEqual(error, .timedOut("completion of factorial", after: .milliseconds(200)), "the error")
        }
        await driver.run { $0.interruptSources[0].setEnabled(true) }
        harness.expectEqual(try await driver.factorial(of: 4, timeout: .seconds(10)), 24, "the next one arrives")
    }

    await harness.scenario("edu: stop clears the command bits and no handler runs afterwards") {
        await attachment.stopDriver()
        harness.expect(attachment.isStopped, "stopped")
        harness.expectEqual(attachment.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0, "memory space and bus master off")
        harness.expect(await driver.provider == nil, "the driver let go of its provider")
        harness.expect(await driver.interruptSources.isEmpty, "interrupt sources cancelled")
        await attachment.detach()
        harness.expectEqual(VFIOBinding.driver(of: address), "vfio-pci", "the function is back with vfio-pci")
    }
}
#endif
