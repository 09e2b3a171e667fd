import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Real time: the system's monotonic clock, real sleeps, and deadlines on a global dispatch
/// queue. What a provider for real hardware uses.
public final class MonotonicClock: DriverClock {
    /// The one instance; it holds no state.
    public static let shared = MonotonicClock()

    private init() {}

    public var now: DriverInstant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return DriverInstant(nanosecondsSinceStart: UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec))
    }

    public func blockingSleep(for duration: Duration) {
        let total = UInt64(max(duration.nanosecondsSaturating, 0))
        var request = timespec(tv_sec: Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }

    public func schedule(at deadline: DriverInstant, _ action: @escaping @Sendable () -> Void) -> ScheduledWork {
        let work = ScheduledWork()
        guard deadline != .never else { return work }
        let delay = max(now.duration(to: deadline).nanosecondsSaturating, 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) {
            if !work.isCancelled { action() }
        }
        return work
    }
}
