// Created by drivergen from edu.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU educational PCI device (hw/misc/edu.c)
///
/// The driver: computes factorials and runs DMA on the device. Call its methods on `queue`.
/// The same code runs on the simulator and, through Linux VFIO, on QEMU's real `edu`.
public final class EduDriver: EduDriverBase, @unchecked Sendable {
    /// edu masks DMA addresses to 28 bits (its `dma_mask`): buffers must lie below 256 MiB.
    public static let dmaAddressBits = 28
    /// Where the device's own 4 KiB buffer sits in its DMA address space.
    public static let deviceBufferAddress: UInt64 = 0x40000
    public static let deviceBufferSize = 4096
    /// How long a transfer may take before `handleTransferTimeout` gives up on it (edu takes 100 ms).
    public static let transferTimeout: Duration = .seconds(2)

    /// Factorials the device finished, oldest first.
    public private(set) var factorials: [UInt32] = []
    /// DMA transfers the device reported finished.
    public private(set) var completedTransfers = 0
    /// Transfers that did not finish within `transferTimeout`.
    public private(set) var timedOutTransfers = 0

    private var transferWatchdog: TimerDispatchSource?

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

    /// Computes `n!` without the interrupt: starts it, then polls `status.computing` until the
    /// device is done or `timeout` passes.
    public func factorial(of n: UInt32, timeout: Duration) throws(PCIError) -> UInt32 {
        mmio.status.modify { $0.raiseInterruptOnCompletion = false }
        mmio.factorial.write { $0.value = n }
        try wait(for: "edu to compute \(n)!", timeout: timeout) {
            let status = mmio.status.read()
            return checkPresence(status.rawValue) && !status.computing
        }
        return mmio.factorial.read().value
    }

    /// A buffer edu can reach by DMA (below its 28-bit limit).
    public func makeDMABuffer(length: Int, direction: DMADirection) throws(PCIError) -> DMABuffer {
        try allocateDMABuffer(length: length, direction: direction, maxAddressBits: Self.dmaAddressBits)
    }

    /// Starts copying `count` bytes from `buffer` (at `offset`) into the device's buffer at
    /// `deviceOffset`; `handleDmaInterrupt` runs when it is done.
    public func copyToDevice(from buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .toDevice)
    }

    /// Starts copying `count` bytes from the device's buffer at `deviceOffset` into `buffer`
    /// (at `offset`); `handleDmaInterrupt` runs when it is done.
    public func copyFromDevice(into buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .fromDevice)
    }

    private func startTransfer(buffer: DMABuffer, offset: Int, count: Int, deviceOffset: Int, direction: Edu.DmaCommand.Direction) {
        precondition(offset >= 0 && count > 0 && offset + count <= buffer.length, "the transfer must lie inside the DMA buffer")
        precondition(deviceOffset >= 0 && deviceOffset + count <= Self.deviceBufferSize, "the transfer must lie inside edu's 4 KiB buffer")
        let memory = buffer.deviceAddress + UInt64(offset)
        let device = Self.deviceBufferAddress + UInt64(deviceOffset)
        mmio.dmaSource.write { $0.value = direction == .toDevice ? memory : device }
        mmio.dmaDestination.write { $0.value = direction == .toDevice ? device : memory }
        mmio.dmaCount.write { $0.value = UInt64(count) }
        mmio.dmaCommand.write {
            $0.run = true
            $0.direction = direction
            $0.raiseInterrupt = true
        }
        armTransferWatchdog()
    }

    private func armTransferWatchdog() {
        if transferWatchdog == nil {
            transferWatchdog = try? makeTimer { [unowned self] _ in handleTransferTimeout() }
        }
        transferWatchdog?.wake(after: Self.transferTimeout)
    }

    /// No completion interrupt within `transferTimeout`.
    private func handleTransferTimeout() {
        timedOutTransfers += 1
    }

    /// The factorial is computed (status.raiseInterruptOnCompletion was set).
    public override func handleFactorialInterrupt(count: UInt64, time: UInt64) {
        let result = mmio.factorial.read()
        guard checkPresence(result.rawValue) else { return }
        factorials.append(result.value)
    }

    /// A DMA transfer with dmaCommand.raiseInterrupt finished.
    public override func handleDmaInterrupt(count: UInt64, time: UInt64) {
        transferWatchdog?.disarm()
        completedTransfers += 1
    }

    public override func stop(provider: any PCIDeviceProvider) {
        transferWatchdog?.cancel()
        transferWatchdog = nil
        super.stop(provider: provider)
    }
}
