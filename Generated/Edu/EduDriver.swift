// Created by drivergen from edu.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU educational PCI device (hw/misc/edu.c)
///
/// The driver: computes factorials and runs DMA on the device. Call its methods on `queue`.
public final class EduDriver: EduDriverBase, @unchecked Sendable {
    /// Factorials the device finished, oldest first.
    public private(set) var factorials: [UInt32] = []
    /// DMA transfers the device reported finished.
    public private(set) var completedTransfers = 0

    /// Whether the card answers the liveness check with the inverse of what was written.
    public func isAlive() -> Bool {
        let probe: UInt32 = 0x1234_5678
        mmio.liveness.write { $0.value = probe }
        return mmio.liveness.read().value == ~probe
    }

    /// The device's version, from the identification register.
    public func version() -> (major: UInt32, minor: UInt32)? {
        let identification = mmio.identification.read()
        guard checkPresence(identification.rawValue), identification.magic == 0xED else { return nil }
        return (identification.major, identification.minor)
    }

    /// Starts computing `n!`; the result arrives with the factorial interrupt.
    public func computeFactorial(_ n: UInt32) {
        mmio.status.modify { $0.raiseInterruptOnCompletion = true }
        mmio.factorial.write { $0.value = n }
    }

    /// Starts a DMA transfer between host memory and the device's buffer, with an interrupt when done.
    public func startTransfer(from source: UInt64, to destination: UInt64, count: UInt64, direction: Edu.DmaCommand.Direction) {
        mmio.dmaSource.write { $0.value = source }
        mmio.dmaDestination.write { $0.value = destination }
        mmio.dmaCount.write { $0.value = count }
        mmio.dmaCommand.write {
            $0.run = true
            $0.direction = direction
            $0.raiseInterrupt = true
        }
    }

    /// The factorial is computed (status.raiseInterruptOnCompletion was set).
    public override func handleFactorialInterrupt(count: UInt64, time: UInt64) {
        let result = mmio.factorial.read()
        guard checkPresence(result.rawValue) else { return }
        factorials.append(result.value)
    }

    /// A DMA transfer with dmaCommand.raiseInterrupt finished.
    public override func handleDmaInterrupt(count: UInt64, time: UInt64) {
        completedTransfers += 1
    }
}
