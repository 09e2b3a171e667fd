// Created by drivergen from boltstore.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// Thunderbolt external storage controller (example device)
///
/// The driver: enables the controller and keeps count of what its interrupts report.
/// Call its methods with `await`.
public actor BoltStoreDriver: BoltStoreDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "BoltStoreDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// Admin commands completed.
    public private(set) var adminCompletions: UInt64 = 0
    /// I/O completion interrupts, counting coalesced ones.
    public private(set) var ioCompletions: UInt64 = 0
    /// Whether media was present at the last media-change interrupt.
    public private(set) var mediaPresent = false
    /// Error codes read from errorLog, oldest first.
    public private(set) var errors: [BoltStore.ErrorLog.Code] = []

    /// Turns the controller on; true once it reports ready.
    public func enableController() -> Bool {
        registers.control.modify {
            $0.enable = true
            $0.powerState = .active
        }
        return registers.status.read().ready
    }

    /// Points the controller at the admin queue, as NVMe drivers program ASQ: low word, then
    /// high word, each a 32-bit write.
    public func setAdminQueue(base: UInt64, entries: UInt32) {
        registers.adminQueueBase.lowHalf.write(UInt32(truncatingIfNeeded: base))
        registers.adminQueueBase.highHalf.write(UInt32(truncatingIfNeeded: base >> 32))
        registers.adminQueueSize.write { $0.entries = entries }
    }

    /// Clears the pending bit of I/O queue `queue` only, leaving the other queues' bits set.
    public func acknowledgeQueue(_ queue: Int) {
        registers.queueInterruptStatus.write { $0.clear(.queues(1 << UInt32(queue))) }
    }

    /// Gives the controller the host's time (two 32-bit writes, high half first).
    public func setHostTime(_ nanoseconds: UInt64) {
        registers.hostTime.write { $0.value = nanoseconds }
    }

    /// Tells the controller I/O queue `queue` has new submissions up to `tail`.
    public func submit(queue: Int, tail: UInt32) {
        registers.submissionDoorbell[queue].write { $0.tail = tail }
    }

    /// An admin command completed.
    public func handleAdminCompleteInterrupt(count: UInt64, time: DriverInstant) {
        adminCompletions += count
    }

    /// One or more I/O queues have new completions.
    public func handleIoCompleteInterrupt(count: UInt64, time: DriverInstant) {
        ioCompletions += count
    }

    /// Media was inserted or removed.
    public func handleMediaChangeInterrupt(count: UInt64, time: DriverInstant) {
        mediaPresent = registers.status.read().mediaPresent
    }

    /// A fatal or recoverable error was logged in errorLog.
    public func handleErrorInterrupt(count: UInt64, time: DriverInstant) {
        let log = registers.errorLog.read()  // reading clears it
        guard checkPresence(log.rawValue) else { return }
        errors.append(log.code)
    }
}
