import DriverSpec
import Testing

@Suite struct BundledSpecTests {
    @Test(arguments: ["edu.yaml", "ivshmem.yaml", "boltstore.yaml"])
    func bundledSpecIsValidWithoutWarnings(file: String) throws {
        let result = SpecLoader.load(path: TestPaths.bundledSpec(file))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.spec != nil)
    }

    @Test func specFilesAreFoundSorted() {
        let files = SpecLoader.specFiles(in: TestPaths.specs.path).map { $0.split(separator: "/").last.map(String.init) }
        #expect(files == ["boltstore.yaml", "edu.yaml", "ivshmem.yaml"])
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
        #expect(offsets == [
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
        #expect(store.allRegisters.contains { $0.effect != nil })
        #expect(!store.configRegisters.isEmpty)
        // Field resets compose the register reset.
        let capabilities = try #require(store.register(named: "capabilities"))
        #expect(capabilities.reset == 4 | 17 << 8 | 1 << 16 | 2 << 17)
    }
}
