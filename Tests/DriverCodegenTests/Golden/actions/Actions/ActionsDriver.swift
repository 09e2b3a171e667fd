// Created by drivergen from actions.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// The driver: fill in what the device does when it interrupts; `ActionsDriverBase` runs the lifecycle. Set your device up in `didStart()` and quiesce it in `willStop()`.
public actor ActionsDriver: ActionsDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "ActionsDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}
}
