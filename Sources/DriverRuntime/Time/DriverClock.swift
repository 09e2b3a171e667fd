import Locking

/// The clock a provider runs on: the time interrupt timestamps are given in, a way to block
/// for a while (`IOSleep`), and deadlines that call back (what `IOTimerDispatchSource`,
/// awaited timeouts and `sleep(for:)` are built on). A real provider uses the monotonic clock;
/// the simulator uses virtual time, in which waiting runs the device work that falls due
/// instead of waiting.
public protocol DriverClock: AnyObject, Sendable {
    /// The current instant, never going backwards.
    var now: DriverInstant { get }

    /// Blocks the calling thread for `duration` (`IOSleep`). A driver's queue does nothing
    /// else meanwhile: prefer the driver's `sleep(for:)`, which suspends instead.
    func blockingSleep(for duration: Duration)

    /// Calls `action` once the clock reaches `deadline`, on a thread of the clock's choosing.
    /// The returned handle cancels it.
    func schedule(at deadline: DriverInstant, _ action: @escaping @Sendable () -> Void) -> ScheduledWork

    /// Driver code running on `queue` starts to await something that device work or a deadline
    /// on this clock will bring; it calls `end()` on the result once the wait is over.
    ///
    /// A real clock has nothing to do (time passes by itself) and returns nil, the default. A
    /// virtual clock moves time forward while any driver awaits, running the work that falls
    /// due in time order and letting the waiting drivers' queues run in between, so what a
    /// driver awaits happens in virtual time without a test moving the clock.
    func startWaiting(on queue: DriverQueue) -> ClockWait?

    /// A driver's `sleep(for:)`: a clock whose time moves only when someone moves it may move it
    /// on by `duration` right away, running the work that falls due, and return true; the
    /// sleeper then only lets its handlers run. A real clock returns false (the default): the
    /// sleeper waits for the deadline.
    func advanceForSleep(_ duration: Duration) -> Bool
}

extension DriverClock {
    public func startWaiting(on queue: DriverQueue) -> ClockWait? { nil }

    public func advanceForSleep(_ duration: Duration) -> Bool { false }

    /// Calls `action` after `delay` from now.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) -> ScheduledWork {
        schedule(at: now.advanced(by: delay), action)
    }
}

/// Work a clock will run at a deadline; cancelling it before then means it never runs.
public final class ScheduledWork: Sendable {
    private let cancelled = Locked(false)
    private let onCancel: @Sendable () -> Void

    /// `onCancel` lets the clock drop its own reference early; it may do nothing.
    public init(onCancel: @escaping @Sendable () -> Void = {}) {
        self.onCancel = onCancel
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.withLock { $0 } }

    /// Makes sure the work does not run (if it has not started yet).
    public func cancel() {
        let first = cancelled.withLock { cancelled -> Bool in
            defer { cancelled = true }
            return !cancelled
        }
        if first { onCancel() }
    }
}

/// A driver's wait that a clock was told of (`DriverClock.startWaiting(on:)`); `end()` tells
/// the clock it is over. Later calls do nothing.
public final class ClockWait: Sendable {
    private let ended = Locked(false)
    private let onEnd: @Sendable () -> Void

    public init(onEnd: @escaping @Sendable () -> Void) {
        self.onEnd = onEnd
    }

    public func end() {
        let first = ended.withLock { ended -> Bool in
            defer { ended = true }
            return !ended
        }
        if first { onEnd() }
    }
}
