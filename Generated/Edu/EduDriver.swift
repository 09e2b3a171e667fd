// Created by drivergen from edu.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU educational PCI device (hw/misc/edu.c)
///
/// The driver: computes factorials and runs DMA on the device, awaiting the interrupt that
/// says each is done. The same code runs on the simulator (virtual time) and, through Linux
/// VFIO, on QEMU's real `edu`.
///
/// ```swift
/// let edu = attachment.driver(as: EduDriver.self)
/// let result = try await edu.factorial(of: 10, timeout: .milliseconds(500))
/// ```
public actor EduDriver: EduDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "EduDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// edu masks DMA addresses to 28 bits (its `dma_mask`): buffers must lie below 256 MiB.
    public static let dmaAddressBits = 28
    /// Where the device's own 4 KiB buffer sits in its DMA address space.
    public static let deviceBufferAddress: UInt64 = 0x40000
    public static let deviceBufferSize = 4096
    /// How long a transfer may take before it counts as lost (edu takes 100 ms).
    public static let transferTimeout: Duration = .seconds(2)

    /// What the device is doing that code may await.
    enum Operation: Hashable, Sendable {
        case factorial
        case transfer
    }

    /// Factorials the device finished, oldest first.
    public private(set) var factorials: [UInt32] = []
    /// DMA transfers the device reported finished.
    public private(set) var completedTransfers = 0
    /// Transfers that did not finish within `transferTimeout`.
    public private(set) var timedOutTransfers = 0

    /// Results of the operations awaited, delivered by the interrupt handlers.
    private let finished = Completions<Operation, UInt32>()
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

    // MARK: Factorials

    /// Computes `n!` on the device and awaits the factorial interrupt that says it is done.
    /// Throws `.timedOut` if it does not come within `timeout`.
    public func factorial(of n: UInt32, timeout: Duration) async throws(PCIError) -> UInt32 {
        computeFactorial(n)
        return try await completion(of: .factorial, in: finished, timeout: timeout)
    }

    /// Starts computing `n!` and returns; the result arrives with the factorial interrupt
    /// (appended to `factorials`).
    public func computeFactorial(_ n: UInt32) {
        mmio.status.modify { $0.raiseInterruptOnCompletion = true }
        mmio.factorial.write { $0.value = n }
    }

    /// Computes `n!` without the interrupt: starts it, then polls `status.computing` until the
    /// device is done or `timeout` passes.
    public func polledFactorial(of n: UInt32, timeout: Duration) async throws(PCIError) -> UInt32 {
        mmio.status.modify { $0.raiseInterruptOnCompletion = false }
        mmio.factorial.write { $0.value = n }
        try await wait(for: "edu to compute \(n)!", timeout: timeout) {
            let status = mmio.status.read()
            return checkPresence(status.rawValue) && !status.computing
        }
        return mmio.factorial.read().value
    }

    // MARK: DMA

    /// A buffer edu can reach by DMA (below its 28-bit limit).
    public func makeDMABuffer(length: Int, direction: DMADirection) throws(PCIError) -> DMABuffer {
        try allocateDMABuffer(length: length, direction: direction, maxAddressBits: Self.dmaAddressBits)
    }

    /// Copies `count` bytes from `buffer` (at `offset`) into the device's buffer at
    /// `deviceOffset`, and awaits the DMA interrupt that says it is done.
    public func copyToDevice(
        from buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0, timeout: Duration = transferTimeout
    ) async throws(PCIError) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .toDevice, watchdog: false)
        try await awaitTransfer(timeout: timeout)
    }

    /// Copies `count` bytes from the device's buffer at `deviceOffset` into `buffer` (at
    /// `offset`), and awaits the DMA interrupt that says it is done.
    public func copyFromDevice(
        into buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0, timeout: Duration = transferTimeout
    ) async throws(PCIError) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .fromDevice, watchdog: false)
        try await awaitTransfer(timeout: timeout)
    }

    /// Starts copying into the device's buffer and returns; `handleDmaInterrupt` counts it when
    /// it is done, and a watchdog timer counts it lost after `transferTimeout`.
    public func beginCopyToDevice(from buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .toDevice, watchdog: true)
    }

    /// Starts copying out of the device's buffer and returns, as `beginCopyToDevice` does.
    public func beginCopyFromDevice(into buffer: DMABuffer, offset: Int = 0, count: Int, deviceOffset: Int = 0) {
        startTransfer(buffer: buffer, offset: offset, count: count, deviceOffset: deviceOffset, direction: .fromDevice, watchdog: true)
    }

    private func awaitTransfer(timeout: Duration) async throws(PCIError) {
        do {
            _ = try await completion(of: .transfer, in: finished, timeout: timeout)
        } catch {
            if case .timedOut = error { timedOutTransfers += 1 }
            throw error
        }
    }

    private func startTransfer(
        buffer: DMABuffer, offset: Int, count: Int, deviceOffset: Int, direction: Edu.DmaCommand.Direction, watchdog: Bool
    ) {
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
        if watchdog { armTransferWatchdog() }
    }

    private func armTransferWatchdog() {
        if transferWatchdog == nil {
            transferWatchdog = try? makeTimer { driver, _ in driver.handleTransferTimeout() }
        }
        transferWatchdog?.wake(after: Self.transferTimeout)
    }

    /// No completion interrupt within `transferTimeout`.
    private func handleTransferTimeout() {
        timedOutTransfers += 1
    }

    // MARK: Interrupts

    /// The factorial is computed (status.raiseInterruptOnCompletion was set).
    public func handleFactorialInterrupt(count: UInt64, time: DriverInstant) {
        let result = mmio.factorial.read()
        guard checkPresence(result.rawValue) else { return }
        factorials.append(result.value)
        if finished.isAwaited(.factorial) { finished.complete(.factorial, with: result.value) }
    }

    /// A DMA transfer with dmaCommand.raiseInterrupt finished.
    public func handleDmaInterrupt(count: UInt64, time: DriverInstant) {
        transferWatchdog?.disarm()
        completedTransfers += 1
        if finished.isAwaited(.transfer) { finished.complete(.transfer, with: 0) }
    }

    public func willStop() async {
        transferWatchdog = nil  // stop cancels the timers the driver made
    }
}
