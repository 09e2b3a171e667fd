import DriverSpec
import Testing

@Suite struct BundledSpecTests {
    @Test(arguments: ["edu.yaml", "ivshmem.yaml", "e1000e.yaml", "boltstore.yaml"])
    func bundledSpecIsValidWithoutWarnings(file: String) throws {
        let result = SpecLoader.load(path: TestPaths.bundledSpec(file))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.spec != nil)
    }

    @Test func specFilesAreFoundSorted() {
        let files = SpecLoader.specFiles(in: TestPaths.specs.path).map { $0.split(separator: "/").last.map(String.init) }
        #expect(files == ["boltstore.yaml", "e1000e.yaml", "edu.yaml", "ivshmem.yaml", "nrf51.yaml", "nvme.yaml"])
    }

    /// The 82574L spec, from the datasheet, checked against a second source: the constants of
    /// QEMU 7.2's hw/net/e1000_regs.h (values copied here, E1000_* names beside them).
    @Test func e1000eMatchesQEMUsRegisterHeader() throws {
        let spec = try #require(SpecLoader.load(path: TestPaths.bundledSpec("e1000e.yaml")).spec)
        #expect(spec.pci.vendor == 0x8086 && spec.pci.devices == [0x10D3])  // E1000_DEV_ID_82574L
        let registers = Dictionary(uniqueKeysWithValues: spec.allRegisters.map { ($0.name, $0) })
        let offsets: [String: UInt64] = [
            "control": 0x00000, "status": 0x00008, "eepromRead": 0x00014, "extendedControl": 0x00018,  // CTRL STATUS EERD CTRL_EXT
            "interruptCause": 0x000C0, "interruptCauseSet": 0x000C8, "interruptMaskSet": 0x000D0,  // ICR ICS IMS
            "interruptMaskClear": 0x000D8, "autoClear": 0x000DC, "autoMask": 0x000E0,  // IMC EIAC IAM
            "interruptVectorAllocation": 0x000E4, "receiveControl": 0x00100, "transmitControl": 0x00400,  // IVAR RCTL TCTL
            "transmitInterPacketGap": 0x00410, "transmitDescriptorBase": 0x03800,  // TIPG TDBAL (TDBAH at +4)
            "transmitDescriptorLength": 0x03808,  // TDLEN
            "transmitDescriptorHead": 0x03810, "transmitDescriptorTail": 0x03818, "transmitArbitration0": 0x03840,  // TDH TDT TARC0
            "goodPacketsReceived": 0x04074, "goodPacketsTransmitted": 0x04080, "totalPacketsReceived": 0x040D0,  // GPRC GPTC TPR
            "totalPacketsTransmitted": 0x040D4, "multicastPacketsTransmitted": 0x040F0,  // TPT MPTC
            "broadcastPacketsTransmitted": 0x040F4, "receiveAddressLow0": 0x05400, "receiveAddressHigh0": 0x05404,  // BPTC RA
        ]
        #expect(registers.mapValues(\.offset) == offsets)
        let masks: [(register: String, field: String, mask: UInt64)] = [
            ("control", "fullDuplex", 0x0000_0001), ("control", "gioMasterDisable", 0x0000_0004),  // CTRL_FD, CTRL_GIO_MASTER_DISABLE
            ("control", "autoSpeedDetect", 0x0000_0020), ("control", "setLinkUp", 0x0000_0040),  // CTRL_ASDE, CTRL_SLU
            ("control", "speed", 0x0000_0300), ("control", "forceSpeed", 0x0000_0800),  // CTRL_SPD_SEL, CTRL_FRCSPD
            ("control", "forceDuplex", 0x0000_1000), ("control", "softwarePin0", 0x0004_0000),  // CTRL_FRCDPX, CTRL_SWDPIN0
            ("control", "wakeUpCapableInD3", 0x0010_0000), ("control", "deviceReset", 0x0400_0000),  // CTRL_ADVD3WUC, CTRL_RST
            ("control", "receiveFlowControl", 0x0800_0000), ("control", "transmitFlowControl", 0x1000_0000),  // CTRL_RFCE, CTRL_TFCE
            ("control", "vlanMode", 0x4000_0000), ("control", "phyReset", 0x8000_0000),  // CTRL_VME, CTRL_PHY_RST
            ("status", "fullDuplex", 0x1), ("status", "linkUp", 0x2), ("status", "transmitPaused", 0x10),  // STATUS_FD, _LU, _TXOFF
            ("status", "speed", 0xC0), ("status", "autoSpeedDetected", 0x300), ("status", "phyResetAsserted", 0x400),  // _SPEED_MASK, _ASDV, _PHYRA
            ("status", "gioMasterEnabled", 0x0008_0000),  // STATUS_GIO_MASTER_ENABLE
            ("eepromRead", "start", 0x1), ("eepromRead", "done", 0x2),  // EERW_START, EERW_DONE
            ("eepromRead", "address", 0x3FFF << 2), ("eepromRead", "data", 0xFFFF << 16),  // EERW_ADDR_*, EERW_DATA_*
            ("extendedControl", "autoMaskOnMSIX", 0x0100_0000), ("extendedControl", "autoMaskOnAcknowledge", 0x0800_0000),  // EIAME, IAME
            ("extendedControl", "driverLoaded", 0x1000_0000), ("extendedControl", "pendingBitArrayClear", 0x8000_0000),  // DRV_LOAD, PBA_CLR
            ("interruptCause", "transmitDescriptorWritten", 0x1), ("interruptCause", "transmitQueueEmpty", 0x2),  // ICR_TXDW, ICR_TXQE
            ("interruptCause", "linkStatusChange", 0x4), ("interruptCause", "receiveDescriptorMinimum", 0x10),  // ICR_LSC, ICR_RXDMT0
            ("interruptCause", "receiveOverrun", 0x40), ("interruptCause", "receiveTimer", 0x80),  // ICR_RXO, ICR_RXT0
            ("interruptCause", "mdioAccessComplete", 0x200), ("interruptCause", "transmitDescriptorLow", 0x8000),  // ICR_MDAC, ICR_TXD_LOW
            ("interruptCause", "smallReceivePacket", 0x1_0000), ("interruptCause", "receiveAck", 0x2_0000),  // ICR_SRPD, ICR_ACK
            ("interruptCause", "manageability", 0x4_0000), ("interruptCause", "rxQueue0", 0x10_0000),  // ICR_MNG, ICR_RXQ0
            ("interruptCause", "rxQueue1", 0x20_0000), ("interruptCause", "txQueue0", 0x40_0000),  // ICR_RXQ1, ICR_TXQ0
            ("interruptCause", "txQueue1", 0x80_0000), ("interruptCause", "other", 0x100_0000),  // ICR_TXQ1, ICR_OTHER
            ("interruptCause", "asserted", 0x8000_0000),  // ICR_INT_ASSERTED
            ("interruptVectorAllocation", "txQueue0Vector", 0x7 << 8), ("interruptVectorAllocation", "txQueue0Valid", 0x8 << 8),  // IVAR_TXQ0_SHIFT 8
            ("interruptVectorAllocation", "otherVector", 0x7 << 16), ("interruptVectorAllocation", "otherValid", 0x8 << 16),  // IVAR_OTHER_SHIFT 16
            ("interruptVectorAllocation", "transmitInterruptOnEveryWriteback", 0x8000_0000),  // IVAR_TX_INT_EVERY_WB
            ("receiveControl", "enable", 0x2), ("receiveControl", "storeBadPackets", 0x4), ("receiveControl", "broadcastAccept", 0x8000),  // RCTL_EN, _SBP, _BAM
            ("receiveControl", "stripCRC", 0x0400_0000),  // RCTL_SECRC
            ("transmitControl", "enable", 0x2), ("transmitControl", "padShortPackets", 0x8),  // TCTL_EN, TCTL_PSP
            ("transmitControl", "collisionThreshold", 0xFF0), ("transmitControl", "collisionDistance", 0x3F_F000),  // TCTL_CT, TCTL_COLD
            ("transmitArbitration0", "enable", 0x400), ("receiveAddressHigh0", "valid", 0x8000_0000),  // TARC_ENABLE, RAH_AV
        ]
        for entry in masks {
            #expect(registers[entry.register]?.field(named: entry.field)?.bits.mask == entry.mask, "\(entry.register).\(entry.field)")
        }
        // ICS is another address of ICR, IMC of IMS; IMS names the same causes at the same places as ICR.
        #expect(registers["interruptCauseSet"].map { [$0.aliasOf, $0.access.rawValue] } == ["interruptCause", "w1s"])
        #expect(registers["interruptMaskClear"].map { [$0.aliasOf, $0.access.rawValue] } == ["interruptMaskSet", "w1c"])
        let causes = try #require(registers["interruptCause"]).fields.filter { $0.name != "asserted" }.map { "\($0.name) \($0.bits)" }
        #expect(registers["interruptMaskSet"]?.fields.map { "\($0.name) \($0.bits)" } == causes)
        let interrupts = try #require(spec.interrupts)
        #expect(interrupts.kind == .msix && interrupts.vectors == 5)  // E1000E_MSIX_VEC_NUM
        #expect(interrupts.msixTable == MSIXStructureLocation(bar: 3, offset: 0) && interrupts.msixPBA == MSIXStructureLocation(bar: 3, offset: 0x2000))
    }

    @Test func eduMatchesQEMUsDevice() throws {
        let edu = try #require(SpecLoader.load(path: TestPaths.bundledSpec("edu.yaml")).spec)
        #expect(edu.name == "Edu")
        #expect(edu.pci.vendor == 0x1234 && edu.pci.devices == [0x11e8])
        #expect(edu.pci.revision == 0x10 && edu.pci.classCode == 0x00ff00)
        let interrupts = try #require(edu.interrupts)
        #expect(interrupts.kind == .msi && interrupts.vectors == 1)
        #expect(interrupts.addresses64Bit && !interrupts.perVectorMasking)
        let bar = try #require(edu.bars.first)
        #expect(bar.index == 0 && bar.kind == .mem32 && bar.size == 1 << 20 && !bar.prefetchable)
        let offsets = Dictionary(uniqueKeysWithValues: bar.registers.map { ($0.name, $0.offset) })
        #expect(
            offsets == [
                "identification": 0x00, "liveness": 0x04, "factorial": 0x08, "status": 0x20, "interruptStatus": 0x24,
                "interruptRaise": 0x60, "interruptAcknowledge": 0x64, "dmaSource": 0x80, "dmaDestination": 0x88,
                "dmaCount": 0x90, "dmaCommand": 0x98,
            ])
        let identification = try #require(edu.register(named: "identification"))
        #expect(identification.access == .ro && identification.reset == 0x010000ed)
        #expect(identification.field(named: "major")?.reset == 0x01)
        #expect(identification.field(named: "magic")?.reset == 0xed)
        let status = try #require(edu.register(named: "status"))
        #expect(status.field(named: "computing")?.bits == BitRange(lsb: 0, msb: 0))
        #expect(status.field(named: "computing")?.access == .ro)
        #expect(status.field(named: "raiseInterruptOnCompletion")?.bits == BitRange(lsb: 7, msb: 7))
        let command = try #require(edu.register(named: "dmaCommand"))
        #expect(command.width == 64 && command.accessWidths == [32, 64])
        #expect(command.field(named: "direction")?.enumeration.map(\.name) == ["toDevice", "fromDevice"])
        #expect(edu.register(named: "interruptAcknowledge")?.effect?.kind == .clears)
        #expect(edu.register(named: "interruptRaise")?.effect?.target == "interruptStatus")
        #expect(edu.register(named: "liveness")?.hasImplicitField == true)
    }

    @Test func ivshmemMatchesTheSpecification() throws {
        let ivshmem = try #require(SpecLoader.load(path: TestPaths.bundledSpec("ivshmem.yaml")).spec)
        #expect(ivshmem.pci.vendor == 0x1af4 && ivshmem.pci.devices == [0x1110] && ivshmem.pci.revision == 1)
        #expect(ivshmem.bars.map(\.index) == [0, 1, 2])
        #expect(ivshmem.bars[0].size == 0x100)
        #expect(ivshmem.bars[2].kind == .mem64 && ivshmem.bars[2].prefetchable)
        let doorbell = try #require(ivshmem.register(named: "doorbell"))
        #expect(doorbell.offset == 0x0C && doorbell.access == .wo)
        #expect(doorbell.field(named: "vector")?.bits == BitRange(lsb: 0, msb: 15))
        #expect(doorbell.field(named: "peer")?.bits == BitRange(lsb: 16, msb: 31))
        #expect(ivshmem.register(named: "ivPosition")?.access == .ro)
        #expect(ivshmem.interrupts?.msixTable == MSIXStructureLocation(bar: 1, offset: 0))
    }

    @Test func boltStoreUsesEveryFeature() throws {
        let store = try #require(SpecLoader.load(path: TestPaths.bundledSpec("boltstore.yaml")).spec)
        #expect(store.isStorage && store.thunderbolt.tunnelCompatible && store.thunderbolt.pauseCompatible)
        #expect(store.pci.devices.count == 2 && store.pci.subsystem != nil)
        #expect(store.interrupts?.kind == .msix && store.interrupts?.vectors == 4)
        #expect(store.bars.contains { $0.kind == .mem64 })
        #expect(store.allRegisters.contains { $0.array != nil })
        #expect(store.allRegisters.contains { $0.fields.contains { !$0.enumeration.isEmpty } })
        #expect(store.register(named: "interruptStatus")?.access == .w1c)
        #expect(store.register(named: "interruptMaskClear").map { [$0.aliasOf, $0.access.rawValue] } == ["interruptMask", "w1c"])
        #expect(store.register(named: "interruptMaskClear")?.isWriteOnly == true)
        #expect(store.interrupts?.sources.allSatisfy { $0.mask?.register == "interruptMaskSet" && $0.enable == nil } == true)
        #expect(store.register(named: "hostTime").map { [$0.partWidth, $0.accessOrder == .highFirst ? 1 : 0] } == [32, 1])
        #expect(store.allRegisters.contains { $0.fields.contains { !$0.flags.isEmpty } })
        #expect(!store.configRegisters.isEmpty)
        // Field resets compose the register reset.
        let capabilities = try #require(store.register(named: "capabilities"))
        #expect(capabilities.reset == 4 | 17 << 8 | 1 << 16 | 2 << 17 | 0b0011 << 20)
    }
}
