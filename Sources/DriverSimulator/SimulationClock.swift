import DriverRuntime

/// Virtual time the test controls: work scheduled by simulated devices runs only when the
/// clock is advanced past it, in time order, so tests are deterministic and never sleep.
public final class SimulationClock: Sendable {
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

    public init() {}

    /// Nanoseconds since the simulation began.
    public var now: UInt64 { state.withLock { $0.now } }

    /// Runs `action` once the clock reaches `now + delay`.
    public func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.sequence += 1
            state.scheduled.append(Work(deadline: state.now + Self.nanoseconds(delay), sequence: state.sequence, action: action))
        }
    }

    /// How much work is waiting.
    public var pendingWork: Int { state.withLock { $0.scheduled.count } }

    /// Moves time forward, running every piece of work that falls due, in deadline order (work
    /// scheduled while advancing runs too, if it falls due in the same window).
    public func advance(by duration: Duration) {
        let target = state.withLock { $0.now } + Self.nanoseconds(duration)
        while let work = nextDue(before: target) {
            work.action()
        }
        state.withLock { $0.now = max($0.now, target) }
    }

    private func nextDue(before target: UInt64) -> Work? {
        state.withLock { state in
            guard let index = state.scheduled.indices.min(by: {
                (state.scheduled[$0].deadline, state.scheduled[$0].sequence) < (state.scheduled[$1].deadline, state.scheduled[$1].sequence)
            }), state.scheduled[index].deadline <= target else { return nil }
            let work = state.scheduled.remove(at: index)
            state.now = max(state.now, work.deadline)
            return work
        }
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds)) / 1_000_000_000
    }
}
