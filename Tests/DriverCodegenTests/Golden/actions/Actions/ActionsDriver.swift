// Created by drivergen from actions.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// The driver: fill in what the device does when it interrupts; `ActionsDriverBase` runs the lifecycle.
public final class ActionsDriver: ActionsDriverBase, @unchecked Sendable {
}
