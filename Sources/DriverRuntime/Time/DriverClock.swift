/// The clock a provider runs on: the time interrupt timestamps are given in, a way to block
/// for a while (`IOSleep`), and deadlines that call back (what `IOTimerDispatchSource` is
/// built on). A real provider uses the monotonic clock; the simulator uses virtual time, in
/// which sleeping runs the device work that falls due instead of waiting.
public protocol DriverClock: AnyObject, Sendable {
    /// Nanoseconds since an arbitrary start, never going backwards.
    var now: UInt64 { get }

    /// Blocks the calling thread for `duration` (`IOSleep`). A driver may call it on its own
    /// queue, for example between polls of a status register.
    func sleep(for duration: Duration)

    /// Calls `action` once the clock reaches `deadline`, on a thread of the clock's choosing.
    /// The returned handle cancels it.
    func schedule(at deadline: UInt64, _ action: @escaping @Sendable () -> Void) -> ScheduledWork
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

/// Converts between `Duration` and the nanosecond counts clocks use.
public enum Nanoseconds {
    /// Whole nanoseconds in `duration`; negative durations count as zero.
    public static func of(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000)).partialValue
    }
}
