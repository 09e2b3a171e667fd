import DeviceModels
import DriverRuntime
import DriverSimulator
import DriverSpec
import GeneratedDrivers
import RegisterDump
import TestSupport
import Testing

/// `drivergen dump`'s engine against simulated devices built from the same specs.
@Suite struct RegisterDumpTests {
    final class Session {}

    /// A simulated e1000e with an open session and memory decoding on, as `drivergen dump` sets it up.
    static func openE1000e() throws -> (Simulation, SimulatedPCIProvider, DeviceSpec) {
        let loaded = SpecLoader.load(path: Repository.spec("e1000e.yaml").path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics)")
        let simulation = Simulation()
        let provider = SimulatedPCIProvider(device: simulation.makeDevice(E1000e.layout, model: E1000eModel()))
        try provider.open(for: Session())
        provider.configurationWrite16(PCIConfiguration.memorySpaceEnable, at: PCIConfiguration.command)
        return (simulation, provider, spec)
    }

    @Test func decodesReadableRegistersWithTheSpecsNames() throws {
        let (_, provider, spec) = try Self.openE1000e()
        let lines = try RegisterDump(spec: spec).read(from: provider)
        let byName = Dictionary(uniqueKeysWithValues: lines.map { ($0.name, $0) })
        #expect(byName["control"]?.value == 0x0014_0241)
        #expect(byName["control"]?.detail.contains("speed=mbps1000") == true)
        #expect(byName["control"]?.detail.contains("deviceReset=false") == true)
        #expect(byName["receiveAddressHigh0"]?.detail == "address=0x5634 select=0x0 valid=true")
        #expect(byName["receiveAddressLow0"]?.value == 0x1200_5452)
        #expect(byName["status"]?.detail.contains("linkUp=true") == true)
        #expect(lines.count == spec.allRegisters.count, "one line per register")
        let text = RegisterDump.render(lines)
        #expect(text.contains("BAR 0   0x05404  receiveAddressHigh0"))
    }

    @Test func skipsRegistersWhoseReadsChangeTheDeviceAndWriteOnlyOnes() throws {
        let (simulation, provider, spec) = try Self.openE1000e()
        let lines = try RegisterDump(spec: spec).read(from: provider)
        let byName = Dictionary(uniqueKeysWithValues: lines.map { ($0.name, $0) })
        #expect(byName["interruptCause"]?.value == nil)
        #expect(byName["interruptCause"]?.detail == "skipped: reading changes it (rc-w1c); --include-side-effects reads it")
        #expect(byName["goodPacketsTransmitted"]?.detail.hasPrefix("skipped: reading changes it (rc)") == true)
        #expect(byName["interruptMaskClear"]?.detail == "skipped: write-only")
        let readOffsets = Set(
            simulation.trace.all.compactMap { event -> Int? in
                if case let .memoryRead(0, offset, _, _) = event.kind { offset } else { nil }
            })
        #expect(!readOffsets.contains(0xC0) && !readOffsets.contains(0x4080) && !readOffsets.contains(0xD8), "never read")
    }

    @Test func readsThemWhenAsked() throws {
        let (simulation, provider, spec) = try Self.openE1000e()
        let lines = try RegisterDump(spec: spec, options: .init(includeSideEffects: true)).read(from: provider)
        #expect(lines.first { $0.name == "goodPacketsTransmitted" }?.value == 0)
        #expect(simulation.trace.memoryWrites(bar: 0, offset: 0xC0).isEmpty, "a dump never writes")
        #expect(simulation.trace.count { if case .memoryRead(0, 0xC0, _, _) = $0 { true } else { false } } == 1)
    }

    @Test func arraysAndConfigRegistersGetOneLinePerElement() throws {
        let loaded = SpecLoader.load(path: Repository.spec("boltstore.yaml").path)
        let spec = try #require(loaded.spec)
        let simulation = Simulation()
        let provider = SimulatedPCIProvider(device: simulation.makeDevice(BoltStore.layout))
        try provider.open(for: Session())
        provider.configurationWrite16(PCIConfiguration.memorySpaceEnable, at: PCIConfiguration.command)
        let lines = try RegisterDump(spec: spec).read(from: provider)
        #expect(lines.filter { $0.name.hasPrefix("queueSize[") }.map(\.offset) == [0x108, 0x118, 0x128, 0x138])
        #expect(lines.first { $0.name == "vendorLink" }.map { [$0.block, $0.detail] } == ["config", "portNumber=0x1 wakeOnMedia=false linkWidth=x2"])
        #expect(lines.first { $0.name == "errorLog" }?.value == nil, "rc: skipped")
    }
}
