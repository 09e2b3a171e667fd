import Locking

/// A one-shot timer whose handler runs on a driver's serial queue, like PCIDriverKit's
/// `IOTimerDispatchSource`: `wake(at:)` arms it (replacing any earlier deadline), the handler
/// gets the time it fired, and `cancel()` ends it for good.
///
/// On the simulator the deadline is in virtual time: the timer fires when the test (or the
/// driver's own `sleep`) moves the clock past it.
public final class TimerDispatchSource: Sendable {
    /// `time` is when the timer fired, on the clock it was created with.
    public typealias Handler = @Sendable (_ time: DriverInstant) -> Void

    public let clock: any DriverClock
    public let queue: DriverQueue

    private struct State {
        var handler: Handler?
        var pending: ScheduledWork?
        var generation: UInt64 = 0
        var isCancelled = false
        var fired: UInt64 = 0
    }

    private let state = Locked(State())

    /// A timer on `clock` delivering to `queue` (`IOTimerDispatchSource::Create`).
    public init(clock: any DriverClock, queue: DriverQueue) {
        self.clock = clock
        self.queue = queue
    }

    /// Sets the handler (`SetHandler`).
    public func setHandler(_ handler: @escaping Handler) {
        state.withLock { $0.handler = handler }
    }

    /// Arms the timer for `deadline` on its clock (`WakeAtTime`); an earlier deadline is replaced.
    public func wake(at deadline: DriverInstant) {
        let generation = state.withLock { state -> UInt64? in
            guard !state.isCancelled else { return nil }
            state.pending?.cancel()
            state.pending = nil
            state.generation += 1
            return state.generation
        }
        guard let generation else { return }
        let work = clock.schedule(at: deadline) { [weak self] in self?.fire(generation: generation) }
        state.withLock { state in
            if state.generation == generation && !state.isCancelled { state.pending = work } else { work.cancel() }
        }
    }

    /// Arms the timer `delay` from now.
    public func wake(after delay: Duration) {
        wake(at: clock.now.advanced(by: delay))
    }

    /// Disarms the timer; the handler does not run for the deadline that was set.
    public func disarm() {
        state.withLock { state in
            state.generation += 1
            state.pending?.cancel()
            state.pending = nil
        }
    }

    /// Disarms the timer for good and lets go of the handler (`Cancel`). `completion` runs on
    /// the queue after any firing already queued.
    public func cancel(completion: (@Sendable () -> Void)? = nil) {
        state.withLock { state in
            state.isCancelled = true
            state.generation += 1
            state.pending?.cancel()
            state.pending = nil
            state.handler = nil
        }
        if let completion { queue.async(completion) }
    }

    /// Whether a deadline is set and has not fired.
    public var isArmed: Bool { state.withLock { $0.pending != nil } }

    /// How many times the handler ran.
    public var fireCount: UInt64 { state.withLock { $0.fired } }

    private func fire(generation: UInt64) {
        let time = clock.now
        let current = state.withLock { state -> Bool in
            guard state.generation == generation, !state.isCancelled else { return false }
            state.pending = nil
            return true
        }
        guard current else { return }
        queue.async { [self] in
            let handler = state.withLock { state -> Handler? in
                guard state.generation == generation, !state.isCancelled, let handler = state.handler else { return nil }
                state.fired += 1
                return handler
            }
            handler?(time)
        }
    }
}
