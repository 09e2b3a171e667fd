// Created by drivergen from ivshmem.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU inter-VM shared memory device (ivshmem-plain and ivshmem-doorbell)
///
/// The driver: reads and writes the shared memory, rings other peers' doorbells and counts the
/// ones rung for this peer (ivshmem-doorbell; ivshmem-plain has no interrupts).
/// Call its methods with `await`.
public actor IvshmemDriver: IvshmemDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "IvshmemDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// Interrupts received per vector.
    public private(set) var received: [Int: UInt64] = [:]

    /// This peer's id.
    public func peerID() -> UInt32 {
        registers.ivPosition.read().value
    }

    /// Rings `peer`'s doorbell on `vector`.
    public func ring(peer: UInt16, vector: UInt16) {
        registers.doorbell.write {
            $0.peer = UInt32(peer)
            $0.vector = UInt32(vector)
        }
    }

    /// Writes `bytes` into the shared memory at `offset`, 8 bytes at a time where it can.
    public func writeSharedMemory(_ bytes: [UInt8], at offset: Int) {
        var index = 0
        while index < bytes.count {
            if (offset + index) % 8 == 0 && bytes.count - index >= 8 {
                let word = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[index + $1]) << (8 * UInt64($1)) }
                sharedMemory.write64(word, at: offset + index)
                index += 8
            } else {
                sharedMemory.write8(bytes[index], at: offset + index)
                index += 1
            }
        }
    }

    /// `count` bytes of the shared memory from `offset`.
    public func readSharedMemory(at offset: Int, count: Int) -> [UInt8] {
        (0..<count).map { sharedMemory.read8(at: offset + $0) }
    }

    /// A peer rang this device's doorbell for vector 0.
    public func handlePeerVector0Interrupt(count: UInt64, time: DriverInstant) {
        received[0, default: 0] += count
    }

    /// A peer rang this device's doorbell for vector 1.
    public func handlePeerVector1Interrupt(count: UInt64, time: DriverInstant) {
        received[1, default: 0] += count
    }
}
