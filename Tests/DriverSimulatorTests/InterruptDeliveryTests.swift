import Dispatch
import DriverRuntime
import DriverSimulator
import Locking
import Synchronization
import Testing

/// MSI delivery rules, coalescing and the serial queue.
@Suite struct InterruptDeliveryTests {
    final class Counter: Sendable {
        let calls = Locked<[UInt64]>([])
        let running = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
    }

    static func source(_ provider: SimulatedPCIProvider, vector: Int, queue: DriverQueue, counter: Counter) throws(PCIError) -> InterruptDispatchSource {
        let source = try InterruptDispatchSource(provider: provider, index: vector, queue: queue) { count, _ in
            if counter.running.add(1, ordering: .sequentiallyConsistent).newValue > 1 {
                counter.overlaps.add(1, ordering: .sequentiallyConsistent)
            }
            counter.calls.withLock { $0.append(count) }
            counter.running.subtract(1, ordering: .sequentiallyConsistent)
        }
        source.setEnabled(true)
        return source
    }

    /// An open device with four MSI vectors configured, a serial queue and a counting handler.
    struct ConfiguredMSI {
        let simulation = Simulation()
        let device: SimulatedPCIDevice
        let provider: SimulatedPCIProvider
        let client: AnyObject
        let queue = DriverQueue(label: "driver")
        let counter = Counter()

        init() throws(PCIError) {
            (device, provider, client) = try Fixtures.openProvider(simulation)
            try provider.configureInterrupts(.msi, required: 4, requested: 4)
        }

        /// An enabled source for `vector` whose handler records into `counter`.
        func source(vector: Int) throws(PCIError) -> InterruptDispatchSource {
            try InterruptDeliveryTests.source(provider, vector: vector, queue: queue, counter: counter)
        }
    }

    @Test func nothingIsDeliveredUntilMSIIsConfiguredAndBusMasteringIsOn() async throws {
        let simulation = Simulation()
        let (device, provider, _) = try Fixtures.openProvider(simulation)
        provider.configurationWrite16(0x2, at: PCIConfiguration.command)  // memory on, bus master off
        device.signal(vector: 0)
        try provider.configureInterrupts(.msi, required: 4, requested: 4)
        let queue = DriverQueue(label: "test")
        let counter = Counter()
        let source = try Self.source(provider, vector: 0, queue: queue, counter: counter)
        device.signal(vector: 0)
        provider.configurationWrite16(0x6, at: PCIConfiguration.command)
        device.signal(vector: 0)
        await queue.drain()
        #expect(counter.calls.withLock { $0 } == [1])
        #expect(
            simulation.trace.kinds.filter { if case .interruptHeld = $0 { true } else { false } } == [
                .interruptHeld(vector: 0, reason: "MSI is disabled"),
                .interruptHeld(vector: 0, reason: "bus mastering is off"),
            ])
        source.cancel()
    }

    @Test func msiVectorCountsRoundUpToAPowerOfTwoAndTheFirstCallWins() async throws {
        let simulation = Simulation()
        let (_, provider, _) = try Fixtures.openProvider(simulation)
        try provider.configureInterrupts(.msi, required: 1, requested: 3)
        try provider.configureInterrupts(.msi, required: 1, requested: 1)
        #expect(
            simulation.trace.kinds.filter { if case .interruptsConfigured = $0 { true } else { false } } == [
                .interruptsConfigured(type: "MSI", vectors: 4)
            ])
        let control = provider.configurationRead16(at: 0x42)
        #expect(control & 1 == 1 && (control >> 4) & 0x7 == 2, "enabled with 4 vectors")
        #expect(throws: PCIError.noSuchInterrupt(4)) {
            try InterruptDispatchSource(provider: provider, index: 4, queue: DriverQueue(label: "q"))
        }
        let other = Simulation()
        let (_, wrongType, _) = try Fixtures.openProvider(other)
        #expect(throws: PCIError.unsupportedInterrupts("the device has MSI, not MSI-X")) {
            try wrongType.configureInterrupts(.msix, required: 1, requested: 1)
        }
    }

    @Test func aMaskedVectorIsPendingUntilUnmasked() async throws {
        let msi = try ConfiguredMSI()
        let (device, provider, queue, counter) = (msi.device, msi.provider, msi.queue, msi.counter)
        let source = try msi.source(vector: 1)
        provider.configurationWrite32(0b10, at: 0x50)  // mask vector 1
        device.signal(vector: 1)
        await queue.drain()
        #expect(counter.calls.withLock { $0 }.isEmpty)
        #expect(provider.configurationRead32(at: 0x54) == 0b10, "pending bit set")
        provider.configurationWrite32(0, at: 0x50)
        await queue.drain()
        #expect(counter.calls.withLock { $0 } == [1])
        #expect(provider.configurationRead32(at: 0x54) == 0)
        source.cancel()
    }

    @Test func interruptsBeforeTheHandlerRunsAreCoalescedIntoItsCount() async throws {
        let msi = try ConfiguredMSI()
        let (device, queue, counter) = (msi.device, msi.queue, msi.counter)
        let source = try msi.source(vector: 0)
        let hold = DispatchSemaphore(value: 0)
        queue.async { hold.wait() }
        msi.simulation.clock.advance(by: .microseconds(7))
        device.storm(vector: 0, count: 3)
        hold.signal()
        await queue.drain()
        #expect(counter.calls.withLock { $0 } == [3])
        device.signal(vector: 0)
        await queue.drain()
        #expect(counter.calls.withLock { $0 } == [3, 1])
        source.cancel()
    }

    @Test func handlersRunOneAtATimeOnTheSerialQueue() async throws {
        let msi = try ConfiguredMSI()
        let (device, queue, counter) = (msi.device, msi.queue, msi.counter)
        let sources = try (0..<2).map { vector throws(PCIError) in try msi.source(vector: vector) }
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            device.signal(vector: index % 2)
        }
        await queue.drain()
        #expect(counter.overlaps.load(ordering: .sequentiallyConsistent) == 0)
        #expect(counter.calls.withLock { $0 }.reduce(0, +) == 200, "every interrupt is counted")
        for source in sources { source.cancel() }
    }

    @Test func noHandlerRunsAfterCancel() async throws {
        let msi = try ConfiguredMSI()
        let (device, queue, counter) = (msi.device, msi.queue, msi.counter)
        let source = try msi.source(vector: 0)
        let hold = DispatchSemaphore(value: 0)
        queue.async { hold.wait() }
        device.signal(vector: 0)  // queued behind the held block
        let cancelled = Counter()
        source.cancel { cancelled.calls.withLock { $0.append(0) } }
        hold.signal()
        await queue.drain()
        #expect(counter.calls.withLock { $0 }.isEmpty)
        #expect(cancelled.calls.withLock { $0.count } == 1, "the completion ran")
        device.signal(vector: 0)
        await queue.drain()
        #expect(counter.calls.withLock { $0 }.isEmpty)
    }
}
