import DriverRuntime
import Synchronization

/// Virtual time the test controls: work scheduled by simulated devices and timers runs only
/// when the clock is advanced past it, in time order, so tests are deterministic and never sleep.
///
/// It is the `DriverClock` of every simulated provider: a driver that sleeps (or polls with a
/// timeout) on the simulator advances this clock, running device work that falls due, and
/// returns at once in real time.
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
    }

    private let state = Locked(State())
    /// `state.now`, readable without the lock: every traced access reads the time.
    private let currentTime = Atomic<UInt64>(0)

    public init() {}

    /// Nanoseconds since the simulation began.
    public var now: UInt64 { currentTime.load(ordering: .acquiring) }

    /// Runs `action` once the clock reaches `now + delay`.
    public func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        _ = schedule(at: now &+ Nanoseconds.of(delay), action)
    }

    /// Runs `action` once the clock reaches `deadline`; the handle cancels it.
    public func schedule(at deadline: UInt64, _ action: @escaping @Sendable () -> Void) -> ScheduledWork {
        let sequence = state.withLock { state -> UInt64 in
            state.sequence += 1
            state.scheduled.append(Work(deadline: deadline, sequence: state.sequence, action: action))
            return state.sequence
        }
        return ScheduledWork { [weak self] in
            self?.state.withLock { $0.scheduled.removeAll { $0.sequence == sequence } }
        }
    }

    /// How much work is waiting.
    public var pendingWork: Int { state.withLock { $0.scheduled.count } }

    /// The deadline of the next work waiting, if any.
    public var nextDeadline: UInt64? { state.withLock { $0.scheduled.map(\.deadline).min() } }

    /// Moves time forward, running every piece of work that falls due, in deadline order (work
    /// scheduled while advancing runs too, if it falls due in the same window).
    public func advance(by duration: Duration) {
        let target = state.withLock { $0.now } &+ Nanoseconds.of(duration)
        while let work = nextDue(before: target) {
            work.action()
        }
        state.withLock { state in
            state.now = max(state.now, target)
            currentTime.store(state.now, ordering: .releasing)
        }
    }

    /// Virtual sleep: the clock moves `duration` on, running device work that falls due.
    /// Safe on a driver's queue; it never waits for a queue.
    public func sleep(for duration: Duration) {
        advance(by: duration)
    }

    private func nextDue(before target: UInt64) -> Work? {
        state.withLock { state in
            guard let index = state.scheduled.indices.min(by: {
                (state.scheduled[$0].deadline, state.scheduled[$0].sequence) < (state.scheduled[$1].deadline, state.scheduled[$1].sequence)
            }), state.scheduled[index].deadline <= target else { return nil }
            let work = state.scheduled.remove(at: index)
            state.now = max(state.now, work.deadline)
            currentTime.store(state.now, ordering: .releasing)
            return work
        }
    }
}
