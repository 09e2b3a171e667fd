import Dispatch

/// Time and DMA for driver code, through the provider the driver was started on. They work
/// the same on the simulator (virtual time) and on hardware (real time).
extension PCIDriver {
    /// The provider's clock; nil before `start` and after `stop`.
    public var clock: (any DriverClock)? { provider?.clock }

    /// Blocks the driver's queue for `duration` (`IOSleep`). On the simulator virtual time moves
    /// on and the device works meanwhile; nothing sleeps for real.
    public func sleep(for duration: Duration) {
        provider?.clock.sleep(for: duration)
    }

    /// Polls `condition` until it holds, sleeping between polls (first `pollInterval`, then
    /// twice as long each time up to `maximumPollInterval`), and gives up after `timeout`.
    ///
    /// ```swift
    /// try wait(for: "the controller to become ready", timeout: .milliseconds(500)) {
    ///     registers.status.read().ready
    /// }
    /// ```
    ///
    /// Throws `PCIError.timedOut` when `timeout` passes first, and `PCIError.noDevice` when the
    /// driver has no provider or learns meanwhile that the device is gone (a condition that
    /// reads registers should pass what it reads to `checkPresence`).
    public func wait(
        for what: String, timeout: Duration, pollInterval: Duration = .microseconds(10),
        maximumPollInterval: Duration = .milliseconds(1), until condition: () -> Bool
    ) throws(PCIError) {
        guard let clock = provider?.clock else { throw .noDevice }
        let deadline = clock.now &+ Nanoseconds.of(timeout)
        var interval = max(pollInterval, .nanoseconds(1))
        while true {
            if condition() { return }
            if isDeviceGone { throw .noDevice }
            let now = clock.now
            if now >= deadline {
                if condition() { return }
                throw .timedOut(what, after: timeout)
            }
            clock.sleep(for: min(interval, .nanoseconds(Int64(deadline - now))))
            interval = min(interval * 2, max(maximumPollInterval, pollInterval))
        }
    }

    /// A timer whose handler runs on the driver's queue. Cancel it in `stop`.
    public func makeTimer(_ handler: @escaping TimerDispatchSource.Handler) throws(PCIError) -> TimerDispatchSource {
        guard let clock = provider?.clock else { throw .noDevice }
        let timer = TimerDispatchSource(clock: clock, queue: queue)
        timer.setHandler(handler)
        return timer
    }

    /// Memory the device can reach by DMA, mapped for it within `maxAddressBits`. Release it
    /// when the device is done with it (and in `stop`).
    public func allocateDMABuffer(
        length: Int, direction: DMADirection, maxAddressBits: Int = 64, alignment: Int = 4096, contiguous: Bool = true
    ) throws(PCIError) -> DMABuffer {
        guard let provider else { throw .noDevice }
        return try provider.allocateDMABuffer(
            length: length, direction: direction,
            specification: DMASpecification(maxAddressBits: maxAddressBits, alignment: alignment, contiguous: contiguous))
    }
}
