import Dispatch
import DriverRuntime
import DriverSimulator
import Testing

/// Timer sources and the clocks behind them.
@Suite struct TimeTests {
    /// Collects timer firings on a serial queue.
    final class Firings: @unchecked Sendable {
        let queue = DispatchQueue(label: "TimeTests")
        private var times: [UInt64] = []
        func record(_ time: UInt64) { times.append(time) }  // called on `queue`
        var all: [UInt64] { queue.sync { times } }
    }

    @Test func aTimerFiresOnceAtItsDeadlineInVirtualTime() {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(5))
        #expect(timer.isArmed)
        clock.advance(by: .milliseconds(4))
        #expect(firings.all.isEmpty)
        clock.advance(by: .milliseconds(1))
        #expect(firings.all == [5_000_000])
        #expect(!timer.isArmed)
        clock.advance(by: .seconds(1))
        #expect(firings.all == [5_000_000], "one shot")
    }

    @Test func wakingAgainReplacesTheDeadline() {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(5))
        timer.wake(after: .milliseconds(8))
        clock.advance(by: .milliseconds(10))
        #expect(firings.all == [8_000_000])
        #expect(clock.pendingWork == 0, "the replaced deadline was dropped from the clock")
    }

    @Test func disarmAndCancelStopIt() {
        let clock = SimulationClock()
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        timer.wake(after: .milliseconds(1))
        timer.disarm()
        clock.advance(by: .milliseconds(2))
        #expect(firings.all.isEmpty)
        timer.wake(after: .milliseconds(1))
        clock.advance(by: .milliseconds(1))
        #expect(firings.all.count == 1, "a disarmed timer can be armed again")
        timer.cancel()
        timer.wake(after: .milliseconds(1))
        clock.advance(by: .milliseconds(5))
        #expect(firings.all.count == 1, "a cancelled timer stays quiet")
        #expect(timer.fireCount == 1)
    }

    @Test func theMonotonicClockSleepsAndFiresInRealTime() {
        let clock = MonotonicClock.shared
        let start = clock.now
        clock.sleep(for: .milliseconds(20))
        #expect(clock.now - start >= 20_000_000)
        let firings = Firings()
        let timer = TimerDispatchSource(clock: clock, queue: firings.queue)
        timer.setHandler { firings.record($0) }
        let armed = clock.now
        timer.wake(after: .milliseconds(10))
        var fired: [UInt64] = []
        for _ in 0..<500 where fired.isEmpty {  // up to 5 s: the machine may be busy
            clock.sleep(for: .milliseconds(10))
            fired = firings.all
        }
        #expect(fired.count == 1)
        #expect(fired.first.map { $0 >= armed + 10_000_000 } == true)
    }

    @Test func cancelledScheduledWorkDoesNotRun() {
        let clock = SimulationClock()
        let ran = Firings()
        let work = clock.schedule(at: 100) { ran.queue.async { ran.record(1) } }
        work.cancel()
        clock.advance(by: .microseconds(1))
        #expect(ran.all.isEmpty)
        #expect(work.isCancelled)
    }

    @Test func nanosecondsOfADuration() {
        #expect(Nanoseconds.of(.seconds(2)) == 2_000_000_000)
        #expect(Nanoseconds.of(.microseconds(1500)) == 1_500_000)
        #expect(Nanoseconds.of(.seconds(-1)) == 0)
        #expect(Nanoseconds.of(.seconds(Int64.max)) == .max, "saturates")
    }
}
