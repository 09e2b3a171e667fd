#if os(Linux)
import CVolatile
import DriverRuntime
import GeneratedDrivers
import QEMUGuest
import VFIOHost

/// Register accesses per second on real devices through the VFIO provider, against raw loads
/// from the same mapped BAR: edu's BAR 0 (every access traps into QEMU's device model) and
/// ivshmem's BAR 2 (RAM: the cost of the access path itself shows).
@MainActor
func runBenchmark(_ harness: GuestHarness) async {
    await harness.scenario("benchmark: edu BAR 0 (MMIO, traps into QEMU)") {
        try benchmark(vendor: 0x1234, device: 0x11E8, bar: 0, offset: 0x00, reads: 200_000, label: "edu BAR 0 (MMIO, traps into QEMU)")
    }
    await harness.scenario("benchmark: ivshmem BAR 2 (RAM)") {
        try benchmark(vendor: 0x1AF4, device: 0x1110, bar: 2, offset: 0x100, reads: 5_000_000, label: "ivshmem BAR 2 (RAM)")
    }
}

private final class BenchmarkClient {}

private func benchmark(vendor: UInt16, device: UInt16, bar: Int, offset: Int, reads: Int, label: String) throws {
    let address = try PCIFunction.find(vendor: vendor, device: device).address
    let provider = VFIOProvider(device: try VFIODevice(address: address, bind: true))
    defer { provider.shutDown() }
    let client = BenchmarkClient()
    try provider.open(for: client)
    defer { provider.close(for: client) }
    provider.configurationWrite16(PCIConfiguration.memorySpaceEnable, at: PCIConfiguration.command)
    let memoryIndex = try provider.barInfo(barIndex: UInt8(bar)).memoryIndex
    guard let pointerBus = provider.pointerBus(barIndex: bar) else { throw VFIOError("BAR \(bar) is not mapped") }
    let providerBus = ProviderMemoryBus(provider: provider, memoryIndex: memoryIndex)
    print("benchmark: \(label), \(reads) 32-bit reads per path, best of 3")

    let raw = measure(reads) { count in
        var sum: UInt32 = 0
        let base = pointerBus.base + offset
        for _ in 0..<count { sum &+= drivergen_volatile_load32(base) }
        return sum
    }
    let pointer = measure(reads) { count in
        var sum: UInt32 = 0
        for _ in 0..<count { sum &+= pointerBus.read32(at: offset) }
        return sum
    }
    let providerCalls = measure(reads) { count in
        var sum: UInt32 = 0
        for _ in 0..<count { sum &+= provider.memoryRead32(memoryIndex: memoryIndex, offset: UInt64(offset)) }
        return sum
    }
    let handle = measure(reads) { count in
        var sum: UInt32 = 0
        let liveness = DriverRuntime.Register<Edu.Liveness, DriverRuntime.ReadWrite, ProviderMemoryBus>(bus: providerBus, offset: offset)
        for _ in 0..<count { sum &+= liveness.read().rawValue }
        return sum
    }
    for (name, perSecond) in [
        ("raw volatile loads from the mapped BAR", raw), ("PointerBus over the mapped BAR", pointer),
        ("VFIOProvider.memoryRead32", providerCalls), ("generated register handle over ProviderMemoryBus", handle),
    ] {
        print("benchmark:   \(name): \(format(perSecond)) reads/s (\(String(format2(perSecond / raw))) x raw)")
    }
}

/// Reads per second, best of three runs.
private func measure(_ count: Int, _ body: (Int) -> UInt32) -> Double {
    var best = 0.0
    var sink: UInt32 = 0
    for _ in 0..<3 {
        let start = MonotonicClock.shared.now
        sink &+= body(count)
        let seconds = Double(start.duration(to: MonotonicClock.shared.now).nanosecondsSaturating) / 1e9
        best = max(best, Double(count) / seconds)
    }
    if sink == 0x1234_5678 { print("") }  // keeps the reads
    return best
}

private func format(_ value: Double) -> String {
    value >= 1e6 ? "\(format2(value / 1e6)) M" : "\(format2(value / 1e3)) k"
}

private func format2(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}
#endif
