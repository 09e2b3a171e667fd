import Dispatch

/// A driver's serial queue, and the executor its actor runs on: DriverKit gives each driver a
/// default dispatch queue where `Start`, `Stop` and every interrupt and timer handler run one at
/// a time; here that queue is also the actor's executor, so the compiler checks what DriverKit
/// leaves to convention. Driver methods called from outside hop onto the queue (`await`); work
/// already on it (a handler that an interrupt source delivered) enters the actor with
/// `assumeIsolated`, without a hop.
///
/// ```swift
/// public actor QuietEduDriver: EduDriverBase {
///     public nonisolated let queue = DriverQueue(label: "QuietEduDriver")
///     public let service = DriverService()
///     public init() {}
///     public func handleFactorialInterrupt(count: UInt64, time: DriverInstant) {}
///     public func handleDmaInterrupt(count: UInt64, time: DriverInstant) {}
/// }
/// ```
public final class DriverQueue: SerialExecutor, CustomStringConvertible {
    /// The dispatch queue jobs run on.
    public let dispatchQueue: DispatchQueue
    /// The label given at creation.
    public let label: String

    private static let ownerKey = DispatchSpecificKey<ObjectIdentifier>()

    public init(label: String) {
        self.label = label
        dispatchQueue = DispatchQueue(label: label)
        dispatchQueue.setSpecific(key: Self.ownerKey, value: ObjectIdentifier(self))
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        dispatchQueue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless the calling code runs on this queue (what `assumeIsolated` relies on).
    public func checkIsolated() {
        precondition(isCurrent, "expected to run on \(label)")
    }

    /// Whether the calling code is running on this queue.
    public var isCurrent: Bool { DispatchQueue.getSpecific(key: Self.ownerKey) == ObjectIdentifier(self) }

    /// The identity of the driver queue the calling code runs on, if any: hosts use it to
    /// refuse (with a clear message) calls that would wait for the caller's own queue.
    public static var currentIdentifier: ObjectIdentifier? { DispatchQueue.getSpecific(key: ownerKey) }

    /// Runs `work` on the queue after what is queued already.
    public func async(_ work: @escaping @Sendable () -> Void) {
        dispatchQueue.async(execute: work)
    }

    /// Suspends the caller until everything queued so far has run.
    public func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            dispatchQueue.async { continuation.resume() }
        }
    }

    public var description: String { label }
}
