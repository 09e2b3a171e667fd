#if os(Linux)
import DriverRuntime
import GeneratedDrivers
import VFIOHost

/// The generated e1000e driver (from the 82574L datasheet) on QEMU's e1000e: reset with a
/// timeout, MAC address and EEPROM, MSI-X through the vector allocation register, the mask
/// set / clear pair, transmit by DMA, clear-on-read statistics.
func runE1000eScenarios(_ harness: Harness) {
    let address: PCIAddress
    do {
        address = try GuestDevices.find(vendor: 0x8086, device: 0x10D3)
    } catch {
        harness.scenario("e1000e: the device is present") { throw error }
        return
    }
    let host = VFIOHost()
    host.register(EduDriver.self, personalities: Edu.personalities)
    host.register(IvshmemDriver.self, personalities: Ivshmem.personalities)
    host.register(E1000eDriver.self, personalities: E1000e.personalities)

    var attachment: VFIOAttachment?
    harness.scenario("e1000e: matching picks E1000eDriver; start resets the controller and waits for it") {
        let attached = try host.attach(address, bind: true, tunnelled: true)
        attachment = attached
        harness.expectEqual(attached.personality.name, "E1000eDriver", "winning personality")
        let driver = attached.driver(as: E1000eDriver.self)
        harness.expect(driver.queue.sync { driver.isRegistered }, "registered")
        harness.expectEqual(attached.provider.mappedBARs.contains(0), true, "BAR 0 is mapped")
        harness.expect(!driver.queue.sync { driver.registers.control.read().deviceReset }, "the reset bit cleared")
        try driver.queue.sync { try driver.reset(timeout: .seconds(1)) }  // and again, waiting up to a second
    }
    guard let attachment else { return }
    let driver = attachment.driver(as: E1000eDriver.self)

    harness.scenario("e1000e: the MAC address from receive address 0 and from the EEPROM") {
        harness.expectEqual(driver.queue.sync { driver.macAddress() }, [0x52, 0x54, 0x00, 0x12, 0x34, 0x56], "RAL0/RAH0")
        let words = try driver.queue.sync { try (0..<3).map { try driver.readEEPROM(word: $0) } }
        harness.expectEqual(words, [0x5452, 0x1200, 0x5634], "EEPROM words 0-2")
        harness.expect(driver.queue.sync { driver.registers.status.read().linkUp }, "link up")
    }

    harness.scenario("e1000e: a software-raised link status change arrives on MSI-X vector 4, twice") {
        for expected: UInt64 in [1, 2] {
            driver.queue.sync { driver.raiseLinkStatusChange() }
            harness.expect(attachment.wait(timeout: .seconds(5)) { driver.linkStatusChanges >= expected }, "interrupt \(expected) arrived")
        }
        harness.expectEqual(driver.queue.sync { driver.linkStatusChanges }, 2, "exactly two")
    }

    harness.scenario("e1000e: the mask clear / set pair holds a cause back and lets it through") {
        driver.queue.sync { driver.setLinkStatusChangeMasked(true) }
        harness.expect(!driver.queue.sync { driver.isLinkStatusChangeEnabled }, "masked")
        let before = driver.queue.sync { driver.linkStatusChanges }
        driver.queue.sync { driver.raiseLinkStatusChange() }
        harness.expect(!attachment.wait(timeout: .milliseconds(300)) { driver.linkStatusChanges > before }, "no interrupt while masked")
        driver.queue.sync { driver.setLinkStatusChangeMasked(false) }
        harness.expect(attachment.wait(timeout: .seconds(5)) { driver.linkStatusChanges > before }, "unmasking delivered it")
    }

    harness.scenario("e1000e: a frame goes out by DMA, reported on vector 1 and in the clear-on-read counters") {
        let frame: [UInt8] = [UInt8](repeating: 0xFF, count: 6) + [0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x88, 0xB5]
            + Array("drivergen e1000e frame".utf8) + [UInt8](repeating: 0, count: 24)
        _ = driver.queue.sync { driver.readStatistics() }  // start from zero
        let baseline = driver.queue.sync { driver.statistics }
        try driver.queue.sync { try driver.transmit(frame) }
        harness.expect(attachment.wait(timeout: .seconds(5)) { driver.transmittedFrames == 1 }, "descriptor done and the interrupt")
        let after = driver.queue.sync { driver.readStatistics() }
        harness.expectEqual(after.goodPacketsTransmitted - baseline.goodPacketsTransmitted, 1, "good packets transmitted")
        harness.expectEqual(after.broadcastPacketsTransmitted - baseline.broadcastPacketsTransmitted, 1, "broadcast packets transmitted")
        harness.expectEqual(driver.queue.sync { driver.registers.goodPacketsTransmitted.read().value }, 0, "reading cleared the counter")
    }

    harness.scenario("e1000e: stop masks the device, releases the ring and clears the command bits") {
        attachment.stopDriver()
        harness.expectEqual(attachment.provider.configurationRead16(at: PCIConfiguration.command) & 0x6, 0, "memory space and bus master off")
        attachment.detach()
    }
}
#endif
