import DriverImport
import DriverSpec
import Foundation
import TestSupport
import Testing

/// Real chips' SVD files, imported whole: the spec validates; it declares every register,
/// field and enum value the source has, but for what a warning explains; it generates drivers
/// that build and run on the simulator.
@Suite struct ImportedChipsTests {
    @Test(arguments: ["rp2040", "nrf52840"])
    func aChipImportsValidatesAndAccountsForEverything(chip: String) throws {
        let source = ImportFixtures.chips.appendingPathComponent("\(chip).svd")
        let (result, spec) = ImportFixtures.importAndLoad(source, .svd)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        let imported = try #require(spec)
        let counted = try Counts(svd: source)
        let missing = counted - Counts(spec: imported)
        let losses = result.losses
        #expect(
            missing == Counts(registers: losses.registers, fields: losses.fields, enumValues: losses.enumValues),
            "source: \(counted); spec: \(Counts(spec: imported)); losses reported: \(losses)")
        // Every loss is explained where it happens.
        let explained = result.diagnostics.filter { $0.severity == .warning && $0.location.file == source.path && $0.location.line > 1 }
        if missing != Counts() { #expect(!explained.isEmpty) }
    }

    @Test func rp2040LosesNothingButInterruptsAsAPCIDevice() throws {
        let source = ImportFixtures.chips.appendingPathComponent("rp2040.svd")
        let (result, spec) = ImportFixtures.importAndLoad(source, .svd, options: ImportOptions(form: .pci))
        let imported = try #require(spec)
        #expect(result.losses == ImportLosses())
        #expect(Counts(spec: imported) == Counts(registers: 1_114, fields: 4_821, enumValues: 1_699), "the counts Tests/Chips/README.md gives")
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.allSatisfy { $0.message.hasPrefix("interrupt ") || $0.message.hasPrefix("the source has no PCI ids") }, "\(warnings.prefix(3))")
        #expect(warnings.count == 26 + 1)
    }

    /// The microcontroller form keeps every register, field and value the PCI form keeps, and
    /// the interrupt lines too: each peripheral at its base address.
    @Test(arguments: ["rp2040", "nrf52840"])
    func asAMicrocontrollerNothingIsLostAgainstThePCIForm(chip: String) throws {
        let source = ImportFixtures.chips.appendingPathComponent("\(chip).svd")
        let (result, spec) = ImportFixtures.importAndLoad(source, .svd)
        let chipSpec = try #require(spec)
        let pci = try #require(ImportFixtures.importAndLoad(source, .svd, options: ImportOptions(form: .pci)).spec)
        #expect(chipSpec.isMicrocontroller && !pci.isMicrocontroller)
        let kept = Counts(spec: chipSpec), keptAsPCI = Counts(spec: pci)
        #expect(kept.registers >= keptAsPCI.registers && kept.fields >= keptAsPCI.fields && kept.enumValues >= keptAsPCI.enumValues, "\(kept) vs \(keptAsPCI)")
        let lines = try #require(chipSpec.microcontroller).interrupts
        #expect(lines.count > 20)
        #expect(chipSpec.bars.allSatisfy { $0.address != nil })
        #expect(!result.diagnostics.contains { $0.message.hasPrefix("interrupt ") && $0.message.contains("not imported") })
        if chip == "rp2040" { #expect(kept == Counts(registers: 1_114, fields: 4_821, enumValues: 1_699)) }
    }

    @Test func nrf52840PeripheralsThatShareABaseBecomeAliases() throws {
        let source = ImportFixtures.chips.appendingPathComponent("nrf52840.svd")
        let imported = try #require(ImportFixtures.importAndLoad(source, .svd, options: ImportOptions(form: .pci)).spec)
        let registers = imported.bars.flatMap(\.registers)
        // UARTE0 shares UART0's base: its registers at UART0's addresses are aliases of them.
        let uarteEnable = try #require(registers.first { $0.name == "UARTE0_ENABLE" })
        let uartEnable = try #require(registers.first { $0.name == "UART0_ENABLE" })
        #expect(uarteEnable.aliasOf == "UART0_ENABLE")
        #expect(uarteEnable.offset == uartEnable.offset)
        // Clusters with copies become arrays: PPI's CH[%s] has EN and DIS.
        let channelEnable = try #require(registers.first { $0.name == "PPI_TASKS_CHG_EN" })
        #expect(channelEnable.array?.count == 6)
        #expect(channelEnable.array?.stride == 8)
    }

    @Test func importingTwiceGivesTheSameBytes() throws {
        let source = ImportFixtures.chips.appendingPathComponent("nrf52840.svd")
        let first = SpecImporter.importFile(path: source.path, format: .svd).text
        let second = SpecImporter.importFile(path: source.path, format: .svd).text
        #expect(first != nil && first == second)
    }

    /// Building 80,000 lines of generated Swift with ThreadSanitizer takes minutes and tests no
    /// concurrency: the plain `swift test` run builds them.
    @Test(.enabled(if: !SwiftBuilder.isThreadSanitized, "the plain build covers it"), arguments: ["rp2040", "nrf52840"])
    func anImportedChipBuildsAndRunsOnTheSimulator(chip: String) throws {
        let source = ImportFixtures.chips.appendingPathComponent("\(chip).svd")
        let imported = try #require(ImportFixtures.importAndLoad(source, .svd, options: ImportOptions(vendorID: 0x2E8A, deviceID: 0x0003)).spec)
        let failure = try ImportFixtures.generateBuildAndSimulate(imported)
        #expect(failure == nil, "\(failure ?? "")")
    }
}
