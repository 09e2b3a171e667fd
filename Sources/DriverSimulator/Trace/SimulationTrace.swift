import DriverRuntime

/// Everything a simulation recorded, in order: device accesses, interrupts, lifecycle, faults.
public final class SimulationTrace: Sendable {
    private let events = Locked<[TraceEvent]>([])
    private let clock: SimulationClock

    public init(clock: SimulationClock) {
        self.clock = clock
    }

    func record(_ kind: TraceEvent.Kind) {
        let time = clock.now
        events.withLock { $0.append(TraceEvent(time: time, kind: kind)) }
    }

    /// Every event so far.
    public var all: [TraceEvent] { events.withLock { $0 } }

    /// The kinds of every event so far.
    public var kinds: [TraceEvent.Kind] { all.map(\.kind) }

    /// Forgets what was recorded.
    public func clear() { events.withLock { $0.removeAll() } }

    /// The events `predicate` accepts.
    public func filter(_ predicate: (TraceEvent.Kind) -> Bool) -> [TraceEvent] { all.filter { predicate($0.kind) } }

    /// The index of the first event `predicate` accepts.
    public func firstIndex(where predicate: (TraceEvent.Kind) -> Bool) -> Int? { all.firstIndex { predicate($0.kind) } }

    /// How many events `predicate` accepts.
    public func count(where predicate: (TraceEvent.Kind) -> Bool) -> Int { all.count { predicate($0.kind) } }

    /// Every violation recorded: driver accesses without a session, while paused or after
    /// stop, and DMA the IOMMU refused.
    public var violations: [String] {
        all.compactMap { event in
            switch event.kind {
            case .violation(let text): text
            case .dmaFault(_, _, _, let reason): "DMA fault: \(reason)"
            default: nil
            }
        }
    }

    /// Memory writes to one register of one BAR, values in order.
    public func memoryWrites(bar: Int, offset: Int) -> [UInt64] {
        all.compactMap { event in
            if case let .memoryWrite(b, o, _, value) = event.kind, b == bar, o == offset { return value }
            return nil
        }
    }

    /// Whether the events `predicates` accept occur in this order (not necessarily adjacent).
    public func occursInOrder(_ predicates: [(TraceEvent.Kind) -> Bool]) -> Bool {
        var remaining = predicates[...]
        for event in all {
            guard let next = remaining.first else { break }
            if next(event.kind) { remaining = remaining.dropFirst() }
        }
        return remaining.isEmpty
    }

    /// The trace as readable lines.
    public func dump() -> String {
        all.map(\.description).joined(separator: "\n")
    }
}
