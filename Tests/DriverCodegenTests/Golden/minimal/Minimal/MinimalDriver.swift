// Created by drivergen from minimal.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// The smallest device that generates every file.
///
/// The driver: fill in what the device does when it interrupts; `MinimalDriverBase` runs the lifecycle.
public final class MinimalDriver: MinimalDriverBase, @unchecked Sendable {
}
