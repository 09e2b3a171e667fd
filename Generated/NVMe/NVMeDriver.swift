// Created by drivergen from nvme.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// NVM Express controller (QEMU nvme)
///
/// The driver: fill in what the device does when it interrupts; `NVMeDriverBase` runs the lifecycle. Set your device up in `didStart()` and quiesce it in `willStop()`.
public actor NVMeDriver: NVMeDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "NVMeDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// The admin completion queue has new entries.
    public func handleAdminCompletionInterrupt(count: UInt64, time: DriverInstant) {
        // Handle the interrupt here. The spec names no acknowledge for it: clear its cause here if the device needs that.
    }

    /// The I/O completion queue has new entries.
    public func handleIoCompletionInterrupt(count: UInt64, time: DriverInstant) {
        // Handle the interrupt here. The spec names no acknowledge for it: clear its cause here if the device needs that.
    }
}
