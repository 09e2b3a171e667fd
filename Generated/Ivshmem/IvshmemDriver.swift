// Created by drivergen from ivshmem.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU inter-VM shared memory device (ivshmem-doorbell)
///
/// The driver: fill in what the device does when it interrupts; `IvshmemDriverBase` runs the lifecycle.
public final class IvshmemDriver: IvshmemDriverBase, @unchecked Sendable {
    /// A peer rang this device's doorbell for vector 0.
    public override func handlePeerVector0Interrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }

    /// A peer rang this device's doorbell for vector 1.
    public override func handlePeerVector1Interrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }
}
