import DeviceModels
import Dispatch
import DriverRuntime
import DriverSimulator
import Foundation
import GeneratedDrivers
import Synchronization

/// Interrupt-to-handler latency on the simulator: from the device raising its status bit and
/// signalling the vector to the first line of the driver's handler, through the whole path
/// (interrupt source, the driver's queue, entering the actor, the generated dispatch's status
/// read through the simulated provider). Real time, so compare runs made side by side.
enum InterruptLatencyBenchmark {
    /// The edu driver's base with a handler that stamps when it starts.
    actor Probe: EduDriverBase {
        nonisolated let queue = DriverQueue(label: "LatencyProbe")
        let service = DriverService()
        static let stamp = Atomic<UInt64>(0)
        static let handled = DispatchSemaphore(value: 0)
        init() {}
        func handleFactorialInterrupt(count: UInt64, time: DriverInstant) {}
        func handleDmaInterrupt(count: UInt64, time: DriverInstant) {
            Self.stamp.store(MonotonicClock.shared.now.nanosecondsSinceStart, ordering: .releasing)
            Self.handled.signal()
        }
    }

    static func run() async {
        let simulation = Simulation()
        simulation.bus.register(Probe.self, personalities: Edu.personalities)
        let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
        _ = try! await simulation.bus.attach(device)
        let rounds = 20_000
        // The raising loop runs on a thread of its own, the same in every version of this
        // benchmark, so only the path from the device to the handler differs.
        let finished = DispatchSemaphore(value: 0)
        let results = Results()
        Thread {
            var latencies: [UInt64] = []
            latencies.reserveCapacity(rounds)
            for round in 0..<(rounds + 1000) {
                Probe.stamp.store(0, ordering: .releasing)
                let start = MonotonicClock.shared.now.nanosecondsSinceStart
                device.raise("dma")
                Probe.handled.wait()  // the benchmark sleeps: nothing competes with the driver's thread
                let stamp = Probe.stamp.load(ordering: .acquiring)
                while device.value(of: "interruptStatus") != 0 {}  // the handler acknowledged it
                if round >= 1000 { latencies.append(stamp - start) }  // the first thousand warm up
            }
            results.latencies = latencies
            finished.signal()
        }.start()
        finished.wait()
        var latencies = results.latencies
        latencies.sort()
        func percentile(_ p: Double) -> Double { Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000 }
        print(
            "interrupt latency: median \(format(percentile(0.5))) µs, p90 \(format(percentile(0.9))) µs, p99 \(format(percentile(0.99))) µs (\(rounds) interrupts, raise to handler entry)"
        )
    }

    /// What the raising thread hands back; read only after `finished.wait()`, which orders it.
    private final class Results: @unchecked Sendable {
        var latencies: [UInt64] = []
    }

    private static func format(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        return "\(scaled)"
    }
}
