import DriverImport
import DriverSpec
import Foundation
import TestSupport
import Testing

/// IP-XACT made by PeakRDL from Tests/Import/dma_engine.rdl, in both namespaces.
@Suite struct IPXACTImportTests {
    static let standards = ["1685-2009", "1685-2014"]

    static func source(_ standard: String) -> URL {
        ImportFixtures.ipxact.appendingPathComponent("dma_engine.\(standard).xml")
    }

    @Test(arguments: standards)
    func eachNamespaceImportsWholeAndValidates(standard: String) throws {
        let (result, spec) = ImportFixtures.importAndLoad(Self.source(standard), .ipxact, options: ImportOptions(vendorID: 0x1D0F, deviceID: 0xF001))
        let imported = try #require(spec, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.losses == ImportLosses())
        #expect(Counts(spec: imported) == (try Counts(ipxact: Self.source(standard))))
        #expect(Counts(spec: imported) == Counts(registers: 8 + 4 * 4, fields: 14 + 4 * 5, enumValues: 3))
    }

    @Test func bothNamespacesGiveTheSameSpec() throws {
        let bodies = Self.standards.map { standard in
            SpecImporter.importFile(path: Self.source(standard).path, format: .ipxact).text?.split(separator: "\n").dropFirst(2)
        }
        #expect(bodies[0] != nil && bodies[0] == bodies[1])
    }

    @Test func accessResetsArraysAndSharedAddressesAreMapped() throws {
        let imported = try #require(ImportFixtures.importAndLoad(Self.source("1685-2014"), .ipxact).spec)
        let registers = Dictionary(uniqueKeysWithValues: imported.bars[0].registers.map { ($0.name, $0) })
        #expect(registers["id"]?.access == .ro)
        #expect(registers["id"]?.reset == 0x0102_D3A1, "field resets compose the register's")
        #expect(registers["control"]?.reset == 0x0010_0000)
        #expect(registers["irq_status"]?.access == .w1c)
        #expect(registers["error_count"]?.access == .rc)
        #expect(registers["lock_key"]?.access == .w1)
        #expect(registers["control"]?.fields.first { $0.name == "mode" }?.enumeration.map(\.name) == ["idle", "memcpy", "fill"])
        let doorbell = try #require(registers["channel_doorbell"])
        #expect(doorbell.array?.count == 4 && doorbell.array?.stride == 0x10 && doorbell.offset == 0x10C)
        #expect(doorbell.fields.map(\.access) == [.wo, .ro])
        // A read-only and a write-only register at one address stay two registers.
        #expect(registers["rx_fifo"]?.offset == 0x18 && registers["rx_fifo"]?.access == .ro)
        #expect(registers["tx_fifo"]?.offset == 0x18 && registers["tx_fifo"]?.access == .wo)
        #expect(imported.bars[0].size == 0x200)
    }

    @Test func theImportedDriverBuildsAndRunsOnTheSimulator() throws {
        let imported = try #require(ImportFixtures.importAndLoad(Self.source("1685-2009"), .ipxact).spec)
        let failure = try ImportFixtures.generateBuildAndSimulate(imported)
        #expect(failure == nil, "\(failure ?? "")")
    }
}
