// Created by drivergen from calculator.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// A PCI factorial calculator (QEMU's edu device).
///
/// The driver: computes factorials on the device and awaits the interrupt that says each is
/// ready. It runs on the simulator in this package's tests, and on QEMU's edu in a guest
/// (`Sources/CalculatorGuest`, run by `swift package drivergen-qemu`).
public actor CalculatorDriver: CalculatorDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "CalculatorDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    private let results = Completions<UInt32, UInt32>()
    private var operand: UInt32 = 0

    /// The device's version, `major.minor`, or nil when what it reads is not the calculator's.
    public func version() -> String? {
        let identification = registers.identification.read()
        guard identification.magic == 0xED else { return nil }
        return "\(identification.major).\(identification.minor)"
    }

    /// Whether the device answers: it reads back the inverse of what was written.
    public func isAlive() -> Bool {
        registers.liveness.write { $0.value = 0x1234_5678 }
        return registers.liveness.read().value == ~UInt32(0x1234_5678)
    }

    /// `n!`, computed by the device and awaited through its interrupt.
    public func factorial(of n: UInt32, timeout: Duration) async throws(PCIError) -> UInt32 {
        operand = n
        registers.status.modify { $0.interruptWhenDone = true }
        registers.operand.write { $0.value = n }
        return try await completion(of: n, in: results, timeout: timeout)
    }

    /// The factorial is ready.
    public func handleDoneInterrupt(count: UInt64, time: DriverInstant) {
        let result = registers.operand.read()
        guard checkPresence(result.rawValue) else { return }
        if results.isAwaited(operand) { results.complete(operand, with: result.value) }
    }
}
