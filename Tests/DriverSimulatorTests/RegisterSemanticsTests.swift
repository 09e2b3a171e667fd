import DriverRuntime
import DriverSimulator
import Testing

/// Each access kind of the spec language, as the simulated register file applies it.
@Suite struct RegisterSemanticsTests {
    static func write(_ kind: FieldAccess, _ value: UInt32, then expected: UInt64, reads: UInt32? = nil) throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.memoryWrite32(value, memoryIndex: 0, offset: UInt64(Fixtures.offset(of: kind)))
        #expect(device.value(of: kind.rawValue) == expected, "\(kind) after writing \(value)")
        if let reads {
            #expect(provider.memoryRead32(memoryIndex: 0, offset: UInt64(Fixtures.offset(of: kind))) == reads)
        }
    }

    @Test func writeKinds() throws {
        try Self.write(.rw, 0x5A, then: 0x5A, reads: 0x5A)
        try Self.write(.ro, 0x5A, then: 0x11, reads: 0x11)
        try Self.write(.wo, 0x22, then: 0x22, reads: 0xFFFF_FFFF)  // no readable field: all ones, as edu answers
        try Self.write(.w1c, 0x0F, then: 0xF0)
        try Self.write(.w1s, 0x0F, then: 0x0F)
        try Self.write(.w1t, 0xFF, then: 0xF0)
        try Self.write(.w0c, 0xF0, then: 0xF0)
        try Self.write(.w0s, 0xF0, then: 0x0F)
        try Self.write(.w0t, 0xF0, then: 0x00)
        try Self.write(.wc, 0x00, then: 0x00)
        try Self.write(.ws, 0x00, then: 0xFF)
    }

    @Test func readKinds() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        let rc = UInt64(Fixtures.offset(of: .rc)), rs = UInt64(Fixtures.offset(of: .rs))
        #expect(provider.memoryRead32(memoryIndex: 0, offset: rc) == 0x33)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: rc) == 0, "read clears")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: rs) == 0)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: rs) == 0xFF, "read sets")
        provider.memoryWrite32(0x77, memoryIndex: 0, offset: rc)
        #expect(device.value(of: "rc") == 0, "writes to a read-clear field are ignored")
    }

    @Test func readClearWriteOneClear() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        let offset = UInt64(Fixtures.offset(of: .rcW1c))
        provider.memoryWrite32(0x03, memoryIndex: 0, offset: offset)
        #expect(device.value(of: "rc-w1c") == 0xC0, "writing 1 clears")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: offset) == 0xC0)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: offset) == 0, "and so does reading")
    }

    @Test func writeOnceKinds() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        for kind in [FieldAccess.w1, .rw1] {
            let offset = UInt64(Fixtures.offset(of: kind))
            provider.memoryWrite32(0x12, memoryIndex: 0, offset: offset)
            provider.memoryWrite32(0x34, memoryIndex: 0, offset: offset)
            #expect(device.value(of: kind.rawValue) == 0x12, "\(kind) takes the first write only")
        }
        #expect(provider.memoryRead32(memoryIndex: 0, offset: UInt64(Fixtures.offset(of: .rw1))) == 0x12)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: UInt64(Fixtures.offset(of: .w1))) == 0xFFFF_FFFF)
    }

    @Test func resetValuesAndReservedBits() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        for (kind, reset) in Fixtures.kinds {
            #expect(device.value(of: kind.rawValue) == reset)
        }
        provider.memoryWrite32(0xFFFF_FFFF, memoryIndex: 0, offset: 0x80)
        #expect(device.value(of: "mixed") == 0x0000_0FFF, "bits no field covers keep their value")
    }

    @Test func narrowerAccessesTouchOnlyTheirBytes() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.memoryWrite64(0x1122_3344_5566_7788, memoryIndex: 0, offset: 0x88)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x88) == 0x5566_7788)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x8C) == 0x1122_3344, "the upper half, as its own access")
        provider.memoryWrite32(0xAABB_CCDD, memoryIndex: 0, offset: 0x88)
        #expect(device.value(of: "wide") == 0x1122_3344_AABB_CCDD, "the upper half is left alone")
        provider.memoryWrite32(0x99, memoryIndex: 0, offset: 0x8C)
        #expect(device.value(of: "wide") == 0x0000_0099_AABB_CCDD, "the lower half is left alone")
        #expect(provider.memoryRead8(memoryIndex: 0, offset: 0x80) == 0x00)
        #expect(provider.memoryRead8(memoryIndex: 0, offset: 0x81) == 0x0F, "reserved bits read as stored")
        provider.memoryWrite8(0xFF, memoryIndex: 0, offset: 0x81)
        provider.memoryWrite8(0x5A, memoryIndex: 0, offset: 0x80)
        #expect(device.value(of: "mixed") == 0x0F5A, "writes leave reserved bits alone")
        #expect(provider.memoryRead16(memoryIndex: 0, offset: 0x80) == 0xFFFF, "16-bit accesses are not allowed there")
        #expect(simulation.trace.kinds.suffix(1) == [.invalidRead(bar: 0, offset: 0x80, width: 16)])
        #expect(simulation.trace.kinds.contains(.memoryWrite(bar: 0, offset: 0x8C, width: 32, value: 0x99)), "traced as the access it was")
    }

    @Test func accessKindsAndEffectsApplyToTheBytesWritten() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.memoryWrite8(0xFF, memoryIndex: 0, offset: 0xA1)
        #expect(device.value(of: "partial") == 0x00FF_00FF, "write 1 to clear, in the byte written only")
        #expect(provider.memoryRead8(memoryIndex: 0, offset: 0xA2) == 0xFF)
        #expect(device.value(of: "partial") == 0x0000_00FF, "reading cleared the byte read")
        #expect(provider.memoryRead16(memoryIndex: 0, offset: 0xA0) == 0x00FF, "and nothing else")
        provider.memoryWrite8(0x01, memoryIndex: 0, offset: 0xA5)
        #expect(device.value(of: "partial") == 0x0000_01FF, "an effect sets the bits written, in place")
    }

    @Test func aSplitRegisterTakesItsPartsButNotAWholeAccess() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.memoryWrite32(0xCAFE_F00D, memoryIndex: 0, offset: 0xB0)
        provider.memoryWrite32(0x0000_0001, memoryIndex: 0, offset: 0xB4)
        #expect(device.value(of: "split") == 0x1_CAFE_F00D)
        #expect(provider.memoryRead64(memoryIndex: 0, offset: 0xB0) == .max, "the device takes no 64-bit access")
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0xB4) == 1)
    }

    @Test func invalidAccessesAreRecorded() throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0x90) == 0xFFFF_FFFF)
        provider.memoryWrite16(0x1, memoryIndex: 0, offset: 0x00)
        #expect(
            simulation.trace.kinds.suffix(2) == [
                .invalidRead(bar: 0, offset: 0x90, width: 32),
                .invalidWrite(bar: 0, offset: 0x00, width: 16, value: 1),
            ])
    }

    @Test func memoryDecodingOffMeansAllOnesAndDroppedWrites() throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.configurationWrite16(0, at: PCIConfiguration.command)
        #expect(provider.memoryRead32(memoryIndex: 0, offset: 0) == 0xFFFF_FFFF)
        provider.memoryWrite32(0x42, memoryIndex: 0, offset: 0)
        #expect(device.value(of: "rw") == 0)
        #expect(simulation.trace.count { if case .decodeDisabled = $0 { true } else { false } } == 2)
    }
}
