import DeviceModels
import DriverRuntime
import DriverSimulator
import Foundation
import GeneratedDrivers

/// Register accesses per second through the whole simulated path: generated register types ->
/// ProviderMemoryBus -> SimulatedPCIProvider (session and violation checks) -> the device's
/// register file (access kinds, widths, model hooks) -> trace.
enum SimulationBenchmark {
    /// Where the access loop runs.
    enum Thread: String {
        /// On the calling thread, entering the driver's isolation with `queue.sync` and
        /// `assumeIsolated` (how 0.2's benchmark ran it, with `queue.sync`).
        case caller = "on the caller's thread"
        /// In an awaited driver call, on the driver's queue's worker thread, where handlers run.
        case queue = "in an awaited driver call"
    }

    static func run() async {
        let accesses = 1_000_000
        for thread in [Thread.caller, .queue] {
            var rates: [Double] = []
            var traceRates: [Double] = []
            for _ in 0..<5 {
                let (simulation, elapsed) = await accessLoop(accesses: accesses, on: thread)
                rates.append(Double(accesses) / (elapsed.nanoseconds / 1e9))
                let dumpTime = ContinuousClock().measure { _ = simulation.trace.dump() }
                traceRates.append(Double(accesses) / (dumpTime.nanoseconds / 1e9))
            }
            print(
                String(
                    format: "simulate (%@): %.2f M register accesses/s through the simulated edu (best of 5, %d accesses each); trace dump %.2f M events/s",
                    thread.rawValue, rates.max()! / 1e6, accesses, traceRates.max()! / 1e6))
        }
    }

    /// One loop, for instruction counts (`valgrind --tool=callgrind ... simulate-once`): the
    /// count of a run of 200,000 accesses less that of 100,000, divided by 100,000, is the cost
    /// of one access.
    static func runOnce() async {
        let count = Int(ProcessInfo.processInfo.environment["DRIVERGEN_ACCESSES"] ?? "") ?? 100_000
        _ = await accessLoop(accesses: count, on: .caller)
    }

    /// `accesses` register accesses, half writes and half reads, through the generated edu driver
    /// on a fresh simulation; every one is checked to be traced.
    private static func accessLoop(accesses: Int, on thread: Thread) async -> (Simulation, Duration) {
        let simulation = Simulation()
        simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
        let driver = try! await simulation.bus.attach(device).driver(as: EduDriver.self)
        simulation.trace.clear()
        // Timed inside the driver's isolation: the loop, not the hop onto its queue.
        let elapsed: Duration
        switch thread {
        case .caller: elapsed = driver.queue.dispatchQueue.sync { driver.assumeIsolated { loop($0, accesses: accesses) } }
        case .queue: elapsed = await driver.run { loop($0, accesses: accesses) }
        }
        precondition(simulation.trace.all.count == accesses, "every access is traced")
        return (simulation, elapsed)
    }

    private static func loop(_ driver: isolated EduDriver, accesses: Int) -> Duration {
        ContinuousClock().measure {
            for index in 0..<(accesses / 2) {
                driver.mmio.dmaCount.write { $0.value = UInt64(index) }
                _ = driver.mmio.dmaCount.read()
            }
        }
    }
}
