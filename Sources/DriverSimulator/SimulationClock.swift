import Dispatch
import DriverRuntime
import Locking
import Synchronization

/// Virtual time: work scheduled by simulated devices and timers runs only when the clock moves
/// past it, in time order, so tests are deterministic and never sleep.
///
/// It is the `DriverClock` of every simulated provider. Time moves when a test advances it
/// (`Simulation.advance(by:)`), when a driver blocks on it (`blockingSleep(for:)`), and while
/// any driver awaits (a completion, `sleep(for:)`, a polling `wait`): then the clock runs the
/// next piece of work due, lets the waiting drivers' queues handle what it caused, and goes
/// on until nobody waits any more. An awaited timeout is work on this clock too, so every
/// wait ends, at the latest at its deadline, in virtual time.
public final class SimulationClock: DriverClock {
    private struct Work {
        let deadline: UInt64
        let sequence: UInt64
        let action: @Sendable () -> Void
    }

    private struct State {
        var now: UInt64 = 0
        var sequence: UInt64 = 0
        var scheduled: [Work] = []
        /// Drivers awaiting something, by wait.
        var waiting: [UInt64: DriverQueue] = [:]
        var lastWait: UInt64 = 0
        /// Whether the advancer is moving time for the waiting drivers.
        var advancing = false
        /// Whether waiting drivers move time at all.
        var advancesWhileDriversWait = true
    }

    private let state = Locked(State())
    /// `state.now`, readable without the lock: every traced access reads the time.
    private let currentTime = Atomic<UInt64>(0)
    /// Where time moves while drivers await: never a driver's queue, so it can wait for theirs.
    private let advancer = DispatchQueue(label: "SimulationClock.advancer")

    public init() {}

    /// The current virtual time.
    public var now: DriverInstant { DriverInstant(nanosecondsSinceStart: currentTime.load(ordering: .acquiring)) }

    /// Runs `action` once the clock reaches `deadline`; the handle cancels it.
    public func schedule(at deadline: DriverInstant, _ action: @escaping @Sendable () -> Void) -> ScheduledWork {
        let (sequence, startAdvancer) = state.withLock { state -> (UInt64, Bool) in
            state.sequence += 1
            state.scheduled.append(Work(deadline: deadline.nanosecondsSinceStart, sequence: state.sequence, action: action))
            return (state.sequence, Self.claimAdvancer(&state))
        }
        if startAdvancer { advancer.async { self.advanceWhileAwaited() } }
        return ScheduledWork { [weak self] in
            self?.state.withLock { $0.scheduled.removeAll { $0.sequence == sequence } }
        }
    }

    /// How much work is waiting.
    public var pendingWork: Int { state.withLock { $0.scheduled.count } }

    /// The deadline of the next work waiting, if any.
    public var nextDeadline: DriverInstant? {
        state.withLock { $0.scheduled.map(\.deadline).min() }.map(DriverInstant.init(nanosecondsSinceStart:))
    }

    /// How many driver waits are in progress.
    public var waitsInProgress: Int { state.withLock { $0.waiting.count } }

    /// Whether time moves by itself while a driver awaits (the default). Turn it off to hold
    /// drivers in their waits until the test advances the clock, for example to stop a driver
    /// while it awaits a completion.
    public var advancesWhileDriversWait: Bool {
        get { state.withLock { $0.advancesWhileDriversWait } }
        set {
            let start = state.withLock { state -> Bool in
                state.advancesWhileDriversWait = newValue
                return Self.claimAdvancer(&state)
            }
            if start { advancer.async { self.advanceWhileAwaited() } }
        }
    }

    /// Moves time forward, running every piece of work that falls due, in deadline order (work
    /// scheduled while advancing runs too, if it falls due in the same window).
    public func advance(by duration: Duration) {
        let target = DriverInstant(nanosecondsSinceStart: state.withLock { $0.now }).advanced(by: duration).nanosecondsSinceStart
        while let work = nextDue(before: target) {
            work.action()
        }
        state.withLock { state in
            state.now = max(state.now, target)
            currentTime.store(state.now, ordering: .releasing)
        }
    }

    /// Virtual blocking sleep: the clock moves `duration` on, running device work that falls
    /// due. Safe on a driver's queue; it never waits for a queue.
    public func blockingSleep(for duration: Duration) {
        advance(by: duration)
    }

    /// A driver's `sleep(for:)` moves the clock itself, as `blockingSleep(for:)` does, unless
    /// time is held (`advancesWhileDriversWait` is false): then it waits like any other wait.
    public func advanceForSleep(_ duration: Duration) -> Bool {
        guard advancesWhileDriversWait else { return false }
        advance(by: duration)
        return true
    }

    // MARK: Drivers awaiting

    public func startWaiting(on queue: DriverQueue) -> ClockWait? {
        let (id, startAdvancer) = state.withLock { state -> (UInt64, Bool) in
            state.lastWait += 1
            state.waiting[state.lastWait] = queue
            return (state.lastWait, Self.claimAdvancer(&state))
        }
        if startAdvancer { advancer.async { self.advanceWhileAwaited() } }
        return ClockWait { [weak self] in
            self?.state.withLock { _ = $0.waiting.removeValue(forKey: id) }
        }
    }

    /// True when the advancer should start: someone waits, work is scheduled, and it is not running.
    private static func claimAdvancer(_ state: inout State) -> Bool {
        guard state.advancesWhileDriversWait, !state.advancing, !state.waiting.isEmpty, !state.scheduled.isEmpty else { return false }
        state.advancing = true
        return true
    }

    /// Runs on `advancer`: while a driver awaits, lets the waiting drivers run what is queued
    /// (a handler may end the wait, and the code it resumes may start another), then runs the
    /// next piece of work due. Stops when nobody waits, or nothing is scheduled (it starts again
    /// when something is).
    private func advanceWhileAwaited() {
        while true {
            for _ in 0..<2 {
                for queue in waitingQueues() { queue.dispatchQueue.sync {} }
            }
            let work = state.withLock { state -> Work? in
                guard state.advancesWhileDriversWait, !state.waiting.isEmpty, let index = Self.nextIndex(state.scheduled) else {
                    state.advancing = false
                    return nil
                }
                return take(index, from: &state)
            }
            guard let work else { return }
            work.action()
        }
    }

    private func waitingQueues() -> [DriverQueue] {
        state.withLock { state in
            var seen = Set<ObjectIdentifier>()
            return state.waiting.sorted { $0.key < $1.key }.map(\.value).filter { seen.insert(ObjectIdentifier($0)).inserted }
        }
    }

    private static func nextIndex(_ scheduled: [Work]) -> Int? {
        scheduled.indices.min { (scheduled[$0].deadline, scheduled[$0].sequence) < (scheduled[$1].deadline, scheduled[$1].sequence) }
    }

    private func take(_ index: Int, from state: inout State) -> Work {
        let work = state.scheduled.remove(at: index)
        state.now = max(state.now, work.deadline)
        currentTime.store(state.now, ordering: .releasing)
        return work
    }

    private func nextDue(before target: UInt64) -> Work? {
        state.withLock { state in
            guard let index = Self.nextIndex(state.scheduled), state.scheduled[index].deadline <= target else { return nil }
            return take(index, from: &state)
        }
    }
}
