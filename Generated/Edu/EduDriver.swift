// Created by drivergen from edu.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU educational PCI device (hw/misc/edu.c)
///
/// The driver: fill in what the device does when it interrupts; `EduDriverBase` runs the lifecycle.
public final class EduDriver: EduDriverBase, @unchecked Sendable {
    /// The factorial is computed (status.raiseInterruptOnCompletion was set).
    public override func handleFactorialInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }

    /// A DMA transfer with dmaCommand.raiseInterrupt finished.
    public override func handleDmaInterrupt(count: UInt64, time: UInt64) {
        // Handle the interrupt here. The base class acknowledges it when this returns.
    }
}
