/// A point in time on a driver's clock (`DriverClock`): nanoseconds since the clock started.
/// Interrupt times, timer deadlines and timeouts are instants; spans between them are `Duration`.
///
/// Arithmetic saturates: an instant never goes below the clock's start or past its end, so a
/// timeout of `.seconds(.max)` means "never", not an overflow.
public struct DriverInstant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
    public typealias Duration = Swift.Duration

    /// Nanoseconds since the clock started.
    public let nanosecondsSinceStart: UInt64

    public init(nanosecondsSinceStart: UInt64) {
        self.nanosecondsSinceStart = nanosecondsSinceStart
    }

    /// The clock's start.
    public static let start = DriverInstant(nanosecondsSinceStart: 0)
    /// Later than any instant a clock reaches: a deadline that never comes.
    public static let never = DriverInstant(nanosecondsSinceStart: .max)

    public func advanced(by duration: Duration) -> DriverInstant {
        let nanoseconds = duration.nanosecondsSaturating
        if nanoseconds == .max { return .never }  // at least 292 years: no clock gets there
        if nanoseconds >= 0 {
            let (sum, overflow) = nanosecondsSinceStart.addingReportingOverflow(UInt64(nanoseconds))
            return DriverInstant(nanosecondsSinceStart: overflow ? .max : sum)
        }
        let magnitude = nanoseconds.magnitude
        return DriverInstant(nanosecondsSinceStart: nanosecondsSinceStart > magnitude ? nanosecondsSinceStart - magnitude : 0)
    }

    public func duration(to other: DriverInstant) -> Duration {
        if other.nanosecondsSinceStart >= nanosecondsSinceStart {
            return .nanoseconds(clampedToInt64(other.nanosecondsSinceStart - nanosecondsSinceStart))
        }
        return .nanoseconds(-clampedToInt64(nanosecondsSinceStart - other.nanosecondsSinceStart))
    }

    public static func < (lhs: DriverInstant, rhs: DriverInstant) -> Bool {
        lhs.nanosecondsSinceStart < rhs.nanosecondsSinceStart
    }

    public var description: String {
        let whole = nanosecondsSinceStart / 1_000_000_000, fraction = nanosecondsSinceStart % 1_000_000_000
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 9 - digits.count))\(digits) s"
    }
}

private func clampedToInt64(_ value: UInt64) -> Int64 {
    value > UInt64(Int64.max) ? .max : Int64(value)
}

extension Duration {
    /// Whole nanoseconds, saturating at `Int64`'s bounds (a `Duration` can hold more).
    package var nanosecondsSaturating: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }
}
