// Created by drivergen from minimal.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// The smallest device that generates every file.
///
/// The driver: fill in what the device does when it interrupts; `MinimalDriverBase` runs the lifecycle. Set your device up in `didStart()` and quiesce it in `willStop()`.
public actor MinimalDriver: MinimalDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "MinimalDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}
}
