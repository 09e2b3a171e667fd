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

    public var now: UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public func sleep(for duration: Duration) {
        let total = Nanoseconds.of(duration)
        var request = timespec(tv_sec: Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }

    public func schedule(at deadline: UInt64, _ action: @escaping @Sendable () -> Void) -> ScheduledWork {
        let work = ScheduledWork()
        let delay = deadline > now ? deadline - now : 0
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(min(delay, UInt64(Int.max))))) {
            if !work.isCancelled { action() }
        }
        return work
    }
}
