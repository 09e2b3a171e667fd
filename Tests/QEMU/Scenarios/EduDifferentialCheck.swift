#if os(Linux)
import DeviceModels
import DriverRuntime
import QEMUGuest
import DriverSimulator
import GeneratedDrivers
import VFIOHost

/// One value read during the probe script.
struct Probe: Equatable {
    let step: String
    let offset: Int
    let width: Int
    let value: UInt64

    var place: String { "offset 0x\(String(offset, radix: 16)) width \(width)" }
}

/// A device the probe script runs against: a provider with an open session and BAR 0's
/// memory index, and a way to let time pass (virtual on the simulator, real on QEMU).
struct ProbeTarget {
    let provider: any PCIDeviceProvider
    let memoryIndex: UInt8
    let settle: (Duration) -> Void
}

/// The same sequence of accesses, run against `QEMUEduModel` on the simulator and against
/// QEMU's edu through VFIO; every value read must match.
@MainActor
func runEduDifferentialCheck(_ harness: GuestHarness, address: PCIAddress) async {
    await harness.scenario("edu: the simulator's QEMUEduModel answers every probe as QEMU's edu does") {
        let client = ProbeClient()

        let simulation = Simulation()
        let simulated = SimulatedPCIProvider(device: simulation.makeDevice(Edu.layout, model: QEMUEduModel()))
        try simulated.open(for: client)
        simulated.configurationWrite16(PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable, at: PCIConfiguration.command)
        let simulatorProbes = try EduProbeScript.run(on: ProbeTarget(provider: simulated, memoryIndex: 0) { simulation.clock.advance(by: $0) })

        let real = VFIOProvider(device: try VFIODevice(address: address))
        defer { real.shutDown() }
        try real.open(for: client)
        let command = real.configurationRead16(at: PCIConfiguration.command)
        real.configurationWrite16(command | PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable, at: PCIConfiguration.command)
        let memoryIndex = try real.barInfo(barIndex: 0).memoryIndex
        let qemuProbes = try EduProbeScript.run(on: ProbeTarget(provider: real, memoryIndex: memoryIndex) { MonotonicClock.shared.blockingSleep(for: $0) })
        real.close(for: client)

        harness.expectEqual(simulatorProbes.count, qemuProbes.count, "probes on each side")
        var differences = 0
        for (simulator, qemu) in zip(simulatorProbes, qemuProbes) where simulator != qemu {
            differences += 1
            harness.expect(false, "\(qemu.step), \(qemu.place): simulator 0x\(String(simulator.value, radix: 16)), QEMU 0x\(String(qemu.value, radix: 16))")
        }
        print("edu differential check: \(qemuProbes.count) probes compared, \(differences) differences")
    }
}

private final class ProbeClient {}

/// The scripted sequence: every offset below 0x100 at every width, unaligned and invalid
/// accesses, liveness patterns, factorial edge cases, the status and interrupt registers,
/// the DMA registers, and DMA both ways.
enum EduProbeScript {
    static func run(on target: ProbeTarget) throws -> [Probe] {
        var script = Recorder(target: target)
        script.sweep()
        script.unalignedAndInvalid()
        script.liveness()
        try script.factorials()
        script.statusAndInterrupts()
        script.dmaRegisters()
        try script.dmaTransfers()
        return script.probes
    }

    struct Recorder {
        let target: ProbeTarget
        var probes: [Probe] = []
        var step = ""

        var provider: any PCIDeviceProvider { target.provider }

        mutating func read(_ offset: Int, _ width: Int) {
            let index = target.memoryIndex, at = UInt64(offset)
            let value: UInt64 =
                switch width {
                case 8: UInt64(provider.memoryRead8(memoryIndex: index, offset: at))
                case 16: UInt64(provider.memoryRead16(memoryIndex: index, offset: at))
                case 32: UInt64(provider.memoryRead32(memoryIndex: index, offset: at))
                default: provider.memoryRead64(memoryIndex: index, offset: at)
                }
            probes.append(Probe(step: step, offset: offset, width: width, value: value))
        }

        func write(_ offset: Int, _ width: Int, _ value: UInt64) {
            let index = target.memoryIndex, at = UInt64(offset)
            switch width {
            case 8: provider.memoryWrite8(UInt8(truncatingIfNeeded: value), memoryIndex: index, offset: at)
            case 16: provider.memoryWrite16(UInt16(truncatingIfNeeded: value), memoryIndex: index, offset: at)
            case 32: provider.memoryWrite32(UInt32(truncatingIfNeeded: value), memoryIndex: index, offset: at)
            default: provider.memoryWrite64(value, memoryIndex: index, offset: at)
            }
        }

        /// Lets time pass until the 32-bit register at `offset` has `mask` clear.
        func waitUntilClear(_ offset: Int, mask: UInt32, _ what: String) throws {
            for _ in 0..<5000 {
                if provider.memoryRead32(memoryIndex: target.memoryIndex, offset: UInt64(offset)) & mask == 0 { return }
                target.settle(.milliseconds(1))
            }
            throw VFIOError("probe script: timed out waiting for \(what)")
        }

        mutating func sweep() {
            step = "sweep"
            for width in [8, 16, 32, 64] {
                for offset in stride(from: 0, to: 0x100, by: width / 8) { read(offset, width) }
            }
        }

        mutating func unalignedAndInvalid() {
            step = "unaligned read"
            for (offset, width) in [(0x01, 32), (0x02, 32), (0x03, 32), (0x05, 32), (0x01, 16), (0x04, 64), (0x81, 32), (0x82, 32), (0x84, 64), (0x8C, 64)] {
                read(offset, width)
            }
            step = "write of a width edu refuses"
            write(0x04, 32, 0x0F0F_0F0F)
            for (offset, width, value) in [(0x04, 8, 0xAB), (0x04, 16, 0xABCD), (0x00, 64, 0x1111_2222_3333_4444), (0x04, 64, 0x5555)] as [(Int, Int, UInt64)] {
                write(offset, width, value)
                read(0x04, 32)
            }
        }

        mutating func liveness() {
            step = "liveness"
            for pattern: UInt64 in [0, 0xFFFF_FFFF, 0x1234_5678, 0xA5A5_A5A5, 0x8000_0001] {
                write(0x04, 32, pattern)
                read(0x04, 32)
                read(0x04, 8)
            }
        }

        mutating func factorials() throws {
            for n: UInt64 in [0, 1, 2, 5, 10, 12, 13, 20, 34] {
                step = "factorial \(n)"
                write(0x08, 32, n)
                try waitUntilClear(0x20, mask: 0x1, "\(n)!")
                read(0x08, 32)
                read(0x20, 32)
            }
        }

        mutating func statusAndInterrupts() {
            step = "status"
            for value: UInt64 in [0x80, 0xFFFF_FFFF, 0x1, 0x0] {
                write(0x20, 32, value)
                read(0x20, 32)
            }
            step = "raise and acknowledge"
            for (offset, width, value) in [
                (0x60, 32, 0x1), (0x60, 32, 0x100), (0x60, 32, 0xDEAD_0000), (0x64, 32, 0x1), (0x60, 8, 0x2), (0x64, 16, 0x100),
                (0x64, 32, 0x100), (0x64, 32, 0xFFFF_FFFF),
            ] as [(Int, Int, UInt64)] {
                write(offset, width, value)
                read(0x24, 32)
            }
        }

        mutating func dmaRegisters() {
            for base in [0x80, 0x88, 0x90] {
                step = "DMA register 0x\(String(base, radix: 16))"
                write(base, 64, 0x1122_3344_5566_7788)
                read(base, 64)
                read(base, 32)
                read(base + 4, 32)
                write(base, 32, 0xAABB_CCDD)
                read(base, 64)
                write(base + 4, 32, 0x99)
                read(base, 64)
                write(base, 64, 0)
                read(base, 64)
            }
            step = "DMA command without run"
            write(0x98, 64, 0x6)
            read(0x98, 64)
            write(0x98, 32, 0x4)
            read(0x98, 32)
        }

        mutating func dmaTransfers() throws {
            let outgoing = try provider.allocateDMABuffer(length: 4096, direction: .toDevice, specification: DMASpecification(maxAddressBits: 28))
            let incoming = try provider.allocateDMABuffer(length: 4096, direction: .fromDevice, specification: DMASpecification(maxAddressBits: 28))
            defer {
                outgoing.release()
                incoming.release()
            }
            outgoing.copyBytes(from: (0..<256).map { UInt8(255 - $0) }, at: 0)

            step = "DMA RAM to device"
            write(0x80, 64, outgoing.deviceAddress)
            write(0x88, 64, 0x40100)
            write(0x90, 64, 128)
            write(0x98, 64, 0x1)
            read(0x98, 64)
            write(0x80, 64, 0x1234)  // ignored while the transfer runs
            read(0x80, 64)
            try waitUntilClear(0x98, mask: 0x1, "DMA to the device")
            read(0x98, 64)
            read(0x24, 32)

            step = "DMA device to RAM, with the interrupt"
            write(0x80, 64, 0x40100)
            write(0x88, 64, incoming.deviceAddress + 0x10)
            write(0x90, 32, 128)
            write(0x98, 32, 0x7)
            try waitUntilClear(0x98, mask: 0x1, "DMA to RAM")
            read(0x98, 64)
            read(0x24, 32)
            write(0x64, 32, 0x100)
            read(0x24, 32)
            for offset in stride(from: 0, to: 0xA0, by: 8) {
                probes.append(Probe(step: "DMA'd bytes in RAM", offset: offset, width: 64, value: incoming.load(UInt64.self, atByteOffset: offset)))
            }
        }
    }
}
#endif
