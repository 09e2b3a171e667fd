import DriverRuntime
import DriverSimulator
import Locking
import Testing

/// Timer sources, the clocks behind them, and instants.
@Suite struct TimeTests {
    /// Collects timer firings delivered on a driver queue.
    final class Firings: Sendable {
        let queue = DriverQueue(label: "TimeTests")
        private let times = Locked<[DriverInstant]>([])
        func record(_ time: DriverInstant) { times.withLock { $0.append(time) } }
        /// What fired, once everything queued so far has run.
        var all: [DriverInstant] {
            get async {
                await queue.drain()
                return times.withLock { $0 }
            }
        }
    }

    static func at(_ duration: Duration) -> DriverInstant { DriverInstant.start.advanced(by: duration) }

    @Test func aTimerFiresOnceAtItsDeadlineInVirtualTime() async {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(5))
        #expect(timer.isArmed)
        clock.advance(by: .milliseconds(4))
        #expect(await firings.all.isEmpty)
        clock.advance(by: .milliseconds(1))
        #expect(await firings.all == [Self.at(.milliseconds(5))])
        #expect(!timer.isArmed)
        clock.advance(by: .seconds(1))
        #expect(await firings.all == [Self.at(.milliseconds(5))], "one shot")
    }

    @Test func wakingAgainReplacesTheDeadline() async {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(5))
        timer.wake(after: .milliseconds(8))
        clock.advance(by: .milliseconds(10))
        #expect(await firings.all == [Self.at(.milliseconds(8))])
        #expect(clock.pendingWork == 0, "the replaced deadline was dropped from the clock")
    }

    @Test func disarmAndCancelStopIt() async {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(1))
        timer.disarm()
        clock.advance(by: .milliseconds(2))
        #expect(await firings.all.isEmpty)
        timer.wake(after: .milliseconds(1))
        clock.advance(by: .milliseconds(1))
        #expect(await firings.all.count == 1, "a disarmed timer can be armed again")
        timer.cancel()
        timer.wake(after: .milliseconds(1))
        clock.advance(by: .milliseconds(5))
        #expect(await firings.all.count == 1, "a cancelled timer stays quiet")
        #expect(timer.fireCount == 1)
    }

    @Test func theMonotonicClockSleepsAndFiresInRealTime() async {
        let clock = MonotonicClock.shared
        let start = clock.now
        clock.blockingSleep(for: .milliseconds(20))
        #expect(start.duration(to: clock.now) >= .milliseconds(20))
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        let armed = clock.now
        timer.wake(after: .milliseconds(10))
        var fired: [DriverInstant] = []
        for _ in 0..<500 where fired.isEmpty {  // up to 5 s: the machine may be busy
            try? await Task.sleep(for: .milliseconds(10))
            fired = await firings.all
        }
        #expect(fired.count == 1)
        #expect(fired.first.map { $0 >= armed.advanced(by: .milliseconds(10)) } == true)
    }

    @Test func cancelledScheduledWorkDoesNotRun() async {
        let clock = SimulationClock()
        let ran = Firings()
        let work = clock.schedule(at: Self.at(.nanoseconds(100))) { ran.record(.start) }
        work.cancel()
        clock.advance(by: .microseconds(1))
        #expect(await ran.all.isEmpty)
        #expect(work.isCancelled)
    }

    @Test func instantsAdvanceAndMeasureSaturating() {
        let second = Self.at(.seconds(1))
        #expect(second.nanosecondsSinceStart == 1_000_000_000)
        #expect(second.advanced(by: .microseconds(1500)).nanosecondsSinceStart == 1_001_500_000)
        #expect(second.advanced(by: .seconds(-5)) == .start, "never before the clock's start")
        #expect(second.advanced(by: .seconds(Int64.max)) == .never, "saturates at the end")
        #expect(second.duration(to: Self.at(.milliseconds(1250))) == .milliseconds(250))
        #expect(Self.at(.milliseconds(1250)).duration(to: second) == .milliseconds(-250))
        #expect(second < .never && DriverInstant.start < second)
        #expect(Self.at(.microseconds(1_500_001)).description == "1.500001000 s")
    }
}
