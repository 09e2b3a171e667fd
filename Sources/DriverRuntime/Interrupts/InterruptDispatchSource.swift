import Locking

/// Delivers one interrupt index of a provider to a handler on a serial queue, like
/// PCIDriverKit's `IOInterruptDispatchSource`.
///
/// Interrupts that arrive before the handler runs are coalesced: the handler gets how many
/// arrived (`count`) and when the first of them did (`time`). Nothing is delivered while the
/// source is disabled, and nothing after it is cancelled.
public final class InterruptDispatchSource: Sendable {
    /// `count` interrupts since the last call; `time` of the first of them, in the provider's clock.
    public typealias Handler = @Sendable (_ count: UInt64, _ time: DriverInstant) -> Void

    /// The provider's interrupt index (with MSI or MSI-X configured, the vector).
    public let index: Int
    /// The driver queue handlers run on.
    public let queue: DriverQueue
    private let provider: any PCIDeviceProvider

    private struct State {
        var handler: Handler?
        var isEnabled = false
        var isCancelled = false
        var pendingCount: UInt64 = 0
        var pendingTime = DriverInstant.start
        var deliveryScheduled = false
        var deliveries: UInt64 = 0
        var ignoredWhileDisabled: UInt64 = 0
    }

    private let state = Locked(State())

    /// Creates a source for interrupt `index` of `provider`, delivering on `queue` (`Create`).
    public init(provider: any PCIDeviceProvider, index: Int, queue: DriverQueue) throws(PCIError) {
        self.provider = provider
        self.index = index
        self.queue = queue
        try provider.attach(self, index: index)
    }

    /// Creates a source and sets its handler in one step.
    public convenience init(provider: any PCIDeviceProvider, index: Int, queue: DriverQueue, handler: @escaping Handler) throws(PCIError) {
        try self.init(provider: provider, index: index, queue: queue)
        setHandler(handler)
    }

    /// Sets the handler (`SetHandler`).
    public func setHandler(_ handler: @escaping Handler) {
        state.withLock { $0.handler = handler }
    }

    /// Starts or stops delivery (`SetEnableWithCompletion`); interrupts while disabled are ignored.
    public func setEnabled(_ enabled: Bool) {
        state.withLock { state in
            state.isEnabled = enabled
            if !enabled { state.pendingCount = 0 }
        }
    }

    /// Stops delivery for good and lets go of the handler (`Cancel`). `completion` runs on the
    /// queue after any delivery already queued, which will find the source cancelled.
    public func cancel(completion: (@Sendable () -> Void)? = nil) {
        let alreadyCancelled = state.withLock { state in
            defer {
                state.isCancelled = true
                state.isEnabled = false
                state.handler = nil
                state.pendingCount = 0
            }
            return state.isCancelled
        }
        if !alreadyCancelled { provider.detach(self, index: index) }
        if let completion { queue.async(completion) }
    }

    public var isEnabled: Bool { state.withLock { $0.isEnabled } }
    public var isCancelled: Bool { state.withLock { $0.isCancelled } }
    /// How many times the handler has been called.
    public var deliveries: UInt64 { state.withLock { $0.deliveries } }
    /// Interrupts that arrived while the source was disabled.
    public var ignoredWhileDisabled: UInt64 { state.withLock { $0.ignoredWhileDisabled } }

    /// Called by the provider for each interrupt on this source's index, from any thread.
    public func signal(time: DriverInstant) {
        let schedule = state.withLock { state -> Bool in
            guard !state.isCancelled else { return false }
            guard state.isEnabled else {
                state.ignoredWhileDisabled += 1
                return false
            }
            if state.pendingCount == 0 { state.pendingTime = time }
            state.pendingCount += 1
            guard !state.deliveryScheduled else { return false }
            state.deliveryScheduled = true
            return true
        }
        if schedule { queue.async { self.deliver() } }
    }

    private func deliver() {
        let work = state.withLock { state -> (handler: Handler, count: UInt64, time: DriverInstant)? in
            state.deliveryScheduled = false
            guard !state.isCancelled, state.isEnabled, let handler = state.handler, state.pendingCount > 0 else { return nil }
            defer {
                state.pendingCount = 0
                state.deliveries += 1
            }
            return (handler, state.pendingCount, state.pendingTime)
        }
        if let work { work.handler(work.count, work.time) }
    }
}
