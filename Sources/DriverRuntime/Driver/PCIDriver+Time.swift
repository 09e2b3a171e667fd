/// Time and DMA for driver code, through the provider the driver was started on. They work
/// the same on the simulator (virtual time) and on hardware (real time).
extension PCIDriver {
    /// The provider's clock; nil before `start` and after `stop`.
    public var clock: (any DriverClock)? { service.provider?.clock }

    /// Suspends the driver for `duration` on the provider's clock; its interrupt and timer
    /// handlers run meanwhile. On the simulator time is virtual: nothing sleeps for real.
    ///
    /// Throws `.noDevice` when the driver has no provider, or stops or loses its device meanwhile.
    public func sleep(for duration: Duration) async throws(PCIError) {
        guard let clock, !isDeviceGone else { throw .noDevice }
        if clock.advanceForSleep(duration) {
            // Virtual time has moved on; what it caused is queued for the handlers: let them run.
            await yieldToQueue()
            guard self.clock != nil, !isDeviceGone else { throw .noDevice }
            return
        }
        let result: Result<Void, PCIError> = await suspend(until: clock.now.advanced(by: duration), atDeadline: { .success(()) })
        try result.get()
    }

    /// Suspends until everything queued on the driver's queue so far (interrupt and timer
    /// deliveries) has run, staying isolated: the continuation resumes on the driver's queue.
    func yieldToQueue() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { continuation.resume() }
        }
    }

    /// Blocks the driver's queue for `duration` (`IOSleep`): nothing else of the driver runs
    /// meanwhile. For the short settle times some devices ask for; otherwise use `sleep(for:)`.
    public func blockingSleep(for duration: Duration) {
        clock?.blockingSleep(for: duration)
    }

    /// Polls `condition` until it holds, suspending between polls (first `pollInterval`, then
    /// twice as long each time up to `maximumPollInterval`), and gives up after `timeout`.
    ///
    /// ```swift
    /// try await wait(for: "edu to finish computing", timeout: .milliseconds(500)) {
    ///     !mmio.status.read().computing
    /// }
    /// ```
    ///
    /// Throws `PCIError.timedOut` when `timeout` passes first, and `PCIError.noDevice` when the
    /// driver has no provider or learns meanwhile that the device is gone (a condition that
    /// reads registers should pass what it reads to `checkPresence`).
    public func wait(
        for what: String, timeout: Duration, pollInterval: Duration = .microseconds(10),
        maximumPollInterval: Duration = .milliseconds(1), until condition: () -> Bool
    ) async throws(PCIError) {
        guard let clock else { throw .noDevice }
        let deadline = clock.now.advanced(by: timeout)
        var interval = max(pollInterval, .nanoseconds(1))
        while true {
            if condition() { return }
            if isDeviceGone { throw .noDevice }
            let now = clock.now
            if now >= deadline {
                if condition() { return }
                throw .timedOut(what, after: timeout)
            }
            try await sleep(for: min(interval, now.duration(to: deadline)))
            interval = min(interval * 2, max(maximumPollInterval, pollInterval))
        }
    }

    /// A timer whose handler runs isolated to the driver, on its queue. `stop` cancels it.
    ///
    /// ```swift
    /// let watchdog = try makeTimer { driver, _ in driver.computeFactorial(1) }
    /// watchdog.wake(after: .seconds(2))
    /// ```
    public func makeTimer(_ handler: @escaping @Sendable (isolated Self, DriverInstant) -> Void) throws(PCIError) -> TimerDispatchSource {
        guard let clock else { throw .noDevice }
        let timer = TimerDispatchSource(clock: clock, queue: queue)
        timer.setHandler { [weak self] time in self?.assumeIsolated { handler($0, time) } }
        service.addTimer(timer)
        return timer
    }

    /// Memory the device can reach by DMA, mapped for it within `maxAddressBits`. Release it
    /// when the device is done with it (and in `willStop()`).
    public func allocateDMABuffer(
        length: Int, direction: DMADirection, maxAddressBits: Int = 64, alignment: Int = 4096, contiguous: Bool = true
    ) throws(PCIError) -> DMABuffer {
        guard let provider else { throw .noDevice }
        return try provider.allocateDMABuffer(
            length: length, direction: direction,
            specification: DMASpecification(maxAddressBits: maxAddressBits, alignment: alignment, contiguous: contiguous))
    }
}
