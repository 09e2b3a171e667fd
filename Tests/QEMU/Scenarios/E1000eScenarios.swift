#if os(Linux)
import DriverRuntime
import QEMUGuest
import GeneratedDrivers
import VFIOHost

/// The generated e1000e driver (from the 82574L datasheet) on QEMU's e1000e: reset with a
/// timeout, MAC address and EEPROM, MSI-X through the vector allocation register, the mask
/// set / clear pair, transmit by DMA, clear-on-read statistics.
@MainActor
func runE1000eScenarios(_ harness: GuestHarness) async {
    let address: PCIAddress
    do {
        address = try PCIFunction.find(vendor: 0x8086, device: 0x10D3).address
    } catch {
        await harness.scenario("e1000e: the device is present") { throw error }
        return
    }
    let host = VFIOHost()
    host.register(EduDriver.self, personalities: Edu.personalities)
    host.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
    host.register(E1000eDriver.self, personalities: E1000e.personalities)

    var attachment: VFIOAttachment?
    await harness.scenario("e1000e: matching picks E1000eDriver; start resets the controller and waits for it") {
        let attached = try await host.attach(address, bind: true, tunnelled: true)
        attachment = attached
        harness.expectEqual(attached.personality.name, "E1000eDriver", "winning personality")
        let driver = attached.driver(as: E1000eDriver.self)
        harness.expect(await driver.isRegistered, "registered")
        harness.expectEqual(attached.provider.mappedBARs.contains(0), true, "BAR 0 is mapped")
        harness.expect(await !driver.run { $0.registers.control.read().deviceReset }, "the reset bit cleared")
        try await driver.reset(timeout: .seconds(1))  // and again, waiting up to a second
    }
    guard let attachment else { return }
    let driver = attachment.driver(as: E1000eDriver.self)

    await harness.scenario("e1000e: the MAC address from receive address 0 and from the EEPROM") {
        harness.expectEqual(await driver.macAddress(), [0x52, 0x54, 0x00, 0x12, 0x34, 0x56], "RAL0/RAH0")
        var words: [UInt16] = []
        for word in UInt32(0)..<3 { words.append(try await driver.readEEPROM(word: word)) }
        harness.expectEqual(words, [0x5452, 0x1200, 0x5634], "EEPROM words 0-2")
        harness.expect(await driver.run { $0.registers.status.read().linkUp }, "link up")
    }

    await harness.scenario("e1000e: a software-raised link status change arrives on MSI-X vector 4, twice") {
        for expected: UInt64 in [1, 2] {
            await driver.raiseLinkStatusChange()
            try await driver.waitForLinkStatusChanges(expected, timeout: .seconds(5))
        }
        harness.expectEqual(await driver.linkStatusChanges, 2, "exactly two")
    }

    await harness.scenario("e1000e: the mask clear / set pair holds a cause back and lets it through") {
        await driver.setLinkStatusChangeMasked(true)
        harness.expect(await !driver.isLinkStatusChangeEnabled, "masked")
        let before = await driver.linkStatusChanges
        await driver.raiseLinkStatusChange()
        do throws(PCIError) {
            try await driver.waitForLinkStatusChanges(before + 1, timeout: .milliseconds(300))
            harness.expect(false, "an interrupt arrived while masked")
        } catch {
            harness.expectEqual(error, .timedOut("completion of linkStatusChanges(\(before + 1))", after: .milliseconds(300)), "no interrupt while masked")
        }
        await driver.setLinkStatusChangeMasked(false)
        try await driver.waitForLinkStatusChanges(before + 1, timeout: .seconds(5))
    }

    await harness.scenario("e1000e: a frame goes out by DMA, reported on vector 1 and in the clear-on-read counters") {
        let frame: [UInt8] =
            [UInt8](repeating: 0xFF, count: 6) + [0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x88, 0xB5]
            + Array("drivergen e1000e frame".utf8) + [UInt8](repeating: 0, count: 24)
        _ = await driver.readStatistics()  // start from zero
        let baseline = await driver.statistics
        try await driver.transmit(frame)
        try await driver.waitForTransmittedFrames(1, timeout: .seconds(5))
        let after = await driver.readStatistics()
        harness.expectEqual(after.goodPacketsTransmitted - baseline.goodPacketsTransmitted, 1, "good packets transmitted")
        harness.expectEqual(after.broadcastPacketsTransmitted - baseline.broadcastPacketsTransmitted, 1, "broadcast packets transmitted")
        harness.expectEqual(await driver.run { $0.registers.goodPacketsTransmitted.read().value }, 0, "reading cleared the counter")
    }

    await harness.scenario("e1000e: stop masks the device, releases the ring and clears the command bits") {
        await attachment.stopDriver()
        harness.expectEqual(attachment.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0, "memory space and bus master off")
        await attachment.detach()
    }
}
#endif
