import DriverRuntime
import DriverSimulator
import Testing

/// The simulated configuration space: header, BAR sizing, capability, device registers.
@Suite struct ConfigurationSpaceTests {
    @Test func headerCarriesTheLayoutsIdentity() throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        #expect(provider.configurationRead32(at: 0x00) == 0x0001_1234)
        #expect(provider.configurationRead16(at: 0x02) == 0x0001)
        #expect(provider.configurationRead32(at: 0x08) == 0x00FF_0001)
        #expect(provider.configurationRead32(at: 0x2C) == 0x0009_1234)
        #expect(provider.configurationRead16(at: 0x06) & PCIConfiguration.capabilitiesListPresent != 0)
        #expect(provider.configurationRead8(at: 0x3D) == 1)
        provider.configurationWrite32(0xFFFF_FFFF, at: 0x00)
        #expect(provider.configurationRead32(at: 0x00) == 0x0001_1234, "ids are read-only")
    }

    @Test func barsAnswerTheSizingProtocol() throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        #expect(provider.configurationRead32(at: 0x10) & 0xF == 0, "32-bit, not prefetchable")
        provider.configurationWrite32(0xFFFF_FFFF, at: 0x10)
        #expect(provider.configurationRead32(at: 0x10) == 0xFFFF_FF00, "256 bytes")
        #expect(provider.configurationRead32(at: 0x18) & 0xF == 0b1100, "64-bit prefetchable")
        provider.configurationWrite32(0xFFFF_FFFF, at: 0x18)
        provider.configurationWrite32(0xFFFF_FFFF, at: 0x1C)
        #expect(provider.configurationRead32(at: 0x18) == 0x0000_000C, "4 GiB: no writable bits in the low half")
        #expect(provider.configurationRead32(at: 0x1C) == 0xFFFF_FFFF)
        #expect(provider.configurationRead32(at: 0x14) == 0, "no BAR 1")
        #expect(try provider.barInfo(barIndex: 2) == BARInfo(memoryIndex: 1, size: 0x1_0000_0000, type: .memory64Prefetchable))
        #expect(throws: PCIError.noSuchBAR(1)) { try provider.barInfo(barIndex: 1) }
    }

    @Test func theMSICapabilityIsFoundAndDescribesTheDevice() throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        let capability = try #require(provider.findCapability(id: PCIConfiguration.msiCapabilityID, after: 0))
        #expect(capability == 0x40)
        let control = provider.configurationRead16(at: UInt16(capability) + 2)
        #expect(control & 0x1 == 0, "disabled until configured")
        #expect((control >> 1) & 0x7 == 2, "asks for 4 vectors")
        #expect(control & 0x80 != 0 && control & 0x100 != 0, "64-bit, per-vector masking")
        #expect(provider.findCapability(id: PCIConfiguration.msixCapabilityID, after: 0) == nil)
    }

    @Test func deviceSpecificConfigRegistersApplyTheirSemantics() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        #expect(provider.configurationRead16(at: 0x80) == 0x00F0)
        provider.configurationWrite16(0xABCD, at: 0x80)
        #expect(device.value(of: "tuning") == 0x00CD)
        #expect(provider.configurationRead32(at: 0x80) == 0, "a 32-bit read of a 16-bit register reads nothing")
        #expect(provider.configurationRead32(at: 0x200) == 0, "unimplemented configuration space reads zero")
    }
}
