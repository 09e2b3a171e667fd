/// Values that interrupt or timer handlers deliver and driver code awaits, one per key: a
/// command identifier, a descriptor index, a transfer. Keep one as a stored property of the
/// driver; being a class that is not `Sendable`, it stays isolated to it.
///
/// ```swift
/// public actor CounterDriver: EduDriverBase {
///     public nonisolated let queue = DriverQueue(label: "CounterDriver")
///     public let service = DriverService()
///     /// Factorial results, delivered by the factorial interrupt's handler.
///     private let results = Completions<UInt32, UInt32>()
///     private var pending: UInt32 = 0
///
///     public init() {}
///
///     /// Starts `n!` and awaits the interrupt that says it is done.
///     public func factorial(of n: UInt32) async throws(PCIError) -> UInt32 {
///         pending = n
///         mmio.status.modify { $0.raiseInterruptOnCompletion = true }
///         mmio.factorial.write { $0.value = n }
///         return try await completion(of: n, in: results, timeout: .milliseconds(500))
///     }
///
///     public func handleFactorialInterrupt(count: UInt64, time: DriverInstant) {
///         results.complete(pending, with: mmio.factorial.read().value)
///     }
///
///     public func handleDmaInterrupt(count: UInt64, time: DriverInstant) {}
/// }
/// ```
///
/// A value delivered before anyone awaits it is kept until `completion(of:in:timeout:)` asks.
public final class Completions<Key: Hashable & Sendable, Value: Sendable> {
    private var waiting: [Key: Waiter<Value>] = [:]
    private var delivered: [Key: Result<Value, PCIError>] = [:]

    public init() {}

    /// Delivers `value` for `key`: whoever awaits it resumes with it.
    public func complete(_ key: Key, with value: Value) {
        deliver(key, .success(value))
    }

    /// Delivers an error for `key`: whoever awaits it resumes by throwing it.
    public func fail(_ key: Key, with error: PCIError) {
        deliver(key, .failure(error))
    }

    /// Whether driver code is awaiting `key`.
    public func isAwaited(_ key: Key) -> Bool { waiting[key] != nil }

    /// The keys driver code is awaiting.
    public var awaitedKeys: [Key] { Array(waiting.keys) }

    /// How many delivered values nobody has awaited yet.
    public var unclaimedCount: Int { delivered.count }

    /// Forgets delivered values nobody has awaited.
    public func discardUnclaimed() {
        delivered.removeAll()
    }

    private func deliver(_ key: Key, _ result: Result<Value, PCIError>) {
        if let waiter = waiting.removeValue(forKey: key) {
            waiter.finish(result)
        } else {
            delivered[key] = result
        }
    }

    func take(_ key: Key) -> Result<Value, PCIError>? {
        delivered.removeValue(forKey: key)
    }

    func install(_ waiter: Waiter<Value>, for key: Key) {
        waiting[key] = waiter
        waiter.onFinish.append { [weak self] in
            if self?.waiting[key] === waiter { self?.waiting[key] = nil }
        }
    }
}

extension Completions where Value == Void {
    /// Delivers the completion of `key`.
    public func complete(_ key: Key) {
        complete(key, with: ())
    }
}

/// One suspended piece of driver code, resumed once: with a result, an error, or at its deadline.
final class Waiter<Value: Sendable> {
    private var continuation: CheckedContinuation<Result<Value, PCIError>, Never>?
    /// Clean-up that runs when the wait ends, however it ends.
    var onFinish: [() -> Void] = []

    init(_ continuation: CheckedContinuation<Result<Value, PCIError>, Never>) {
        self.continuation = continuation
    }

    func finish(_ result: Result<Value, PCIError>) {
        guard let continuation else { return }
        self.continuation = nil
        let cleanUp = onFinish
        onFinish = []
        for step in cleanUp { step() }
        continuation.resume(returning: result)
    }
}

extension PCIDriver {
    /// Awaits the value a handler delivers for `key` (`completions.complete(key, with:)`), at most
    /// `timeout` on the provider's clock; on the simulator, virtual time moves while it waits.
    ///
    /// Throws `.timedOut("completion of <key>", after: timeout)` when the deadline passes first,
    /// `.noDevice` when the driver has no provider, stops, or learns the device is gone
    /// meanwhile, and the error a handler delivered with `completions.fail(key, with:)`.
    public func completion<Key, Value>(
        of key: Key, in completions: Completions<Key, Value>, timeout: Duration
    ) async throws(PCIError) -> Value {
        if let ready = completions.take(key) { return try ready.get() }
        guard !completions.isAwaited(key) else { throw .driverFailed("the completion of \(key) is already awaited") }
        guard let clock else { throw .noDevice }
        let result = await suspend(
            until: clock.now.advanced(by: timeout),
            atDeadline: { .failure(.timedOut("completion of \(key)", after: timeout)) },
            install: { completions.install($0, for: key) })
        return try result.get()
    }

    /// Suspends the calling driver code until whoever `install` hands the waiter to finishes it,
    /// until `deadline` (then the result is `atDeadline()`), or until the driver stops or loses
    /// its device (`.noDevice`). The clock learns of the wait, so a virtual one moves time on.
    func suspend<Value: Sendable>(
        until deadline: DriverInstant, atDeadline: @escaping () -> Result<Value, PCIError>,
        install: (Waiter<Value>) -> Void = { _ in }
    ) async -> Result<Value, PCIError> {
        guard let clock, !service.isDeviceGone else { return .failure(.noDevice) }
        return await withCheckedContinuation { continuation in
            let waiter = Waiter(continuation)
            let id = service.addWait(
                DriverService.PendingWait(
                    fail: { waiter.finish(.failure($0)) }, expire: { waiter.finish(atDeadline()) }))
            let timeout = clock.schedule(at: deadline) { [weak self] in
                guard let self else { return }
                self.queue.async { self.assumeIsolated { $0.service.expireWait(id) } }
            }
            let registration = clock.startWaiting(on: queue)
            waiter.onFinish = [{ [service] in service.removeWait(id) }, timeout.cancel, { registration?.end() }]
            install(waiter)
        }
    }
}
