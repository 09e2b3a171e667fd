import DriverRuntime
import Locking

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a simulation recorded, in order: device accesses, interrupts, lifecycle, faults.
public final class SimulationTrace: Sendable {
    /// Events in fixed-size chunks: appending never moves what is already recorded, so a
    /// long trace costs no reallocation copies.
    fileprivate struct Storage {
        static let chunkSize = 4096
        var full: [[TraceEvent]] = []
        var current: [TraceEvent] = []

        mutating func append(_ event: consuming TraceEvent) {
            if current.count == Self.chunkSize {
                full.append(current)
                current = []
            }
            if current.isEmpty { current.reserveCapacity(Self.chunkSize) }
            current.append(event)
        }

        var all: [TraceEvent] {
            var events: [TraceEvent] = []
            events.reserveCapacity(full.count * Self.chunkSize + current.count)
            for chunk in full { events.append(contentsOf: chunk) }
            events.append(contentsOf: current)
            return events
        }
    }

    private let events = TraceBuffer()
    private let clock: SimulationClock

    public init(clock: SimulationClock) {
        self.clock = clock
    }

    func record(_ kind: consuming TraceEvent.Kind) {
        events.append(TraceEvent(time: clock.now, kind: kind))
    }

    /// Every event so far.
    public var all: [TraceEvent] { events.withLock { $0.all } }

    /// The kinds of every event so far.
    public var kinds: [TraceEvent.Kind] { all.map(\.kind) }

    /// Forgets what was recorded.
    public func clear() { events.withLock { $0 = Storage() } }

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

/// The trace's storage and its lock. Not `Locked`: appending moves the event into the buffer
/// under the lock, where a closure would have to copy it (every access records one).
private final class TraceBuffer: @unchecked Sendable {
    @exclusivity(unchecked) private var storage = SimulationTrace.Storage()
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() {
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func append(_ event: consuming TraceEvent) {
        pthread_mutex_lock(mutex)
        storage.append(event)
        pthread_mutex_unlock(mutex)
    }

    func withLock<Result>(_ body: (inout SimulationTrace.Storage) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&storage)
    }
}
