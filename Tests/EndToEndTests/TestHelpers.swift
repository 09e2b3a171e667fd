import Dispatch

/// A semaphore a test can hand to a queue to hold it while interrupts pile up.
final class DispatchSemaphoreBox: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func wait() { semaphore.wait() }
    func signal() { semaphore.signal() }
}
