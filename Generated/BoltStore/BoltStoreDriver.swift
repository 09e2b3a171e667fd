// Created by drivergen from boltstore.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// Thunderbolt external storage controller (example device)
///
/// The driver: fill in what the device does when it interrupts; `BoltStoreDriverBase` runs the lifecycle.
public final class BoltStoreDriver: BoltStoreDriverBase, @unchecked Sendable {
    /// An admin command completed.
    public override func handleAdminCompleteInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }

    /// One or more I/O queues have new completions.
    public override func handleIoCompleteInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }

    /// Media was inserted or removed.
    public override func handleMediaChangeInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }

    /// A fatal or recoverable error was logged in errorLog.
    public override func handleErrorInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }
}
