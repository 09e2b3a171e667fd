// Created by drivergen from ivshmem.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// QEMU inter-VM shared memory device (ivshmem-doorbell)
///
/// The driver: rings other peers' doorbells and counts the ones rung for this peer.
/// Call its methods on `queue`.
public final class IvshmemDriver: IvshmemDriverBase, @unchecked Sendable {
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

    /// A peer rang this device's doorbell for vector 0.
    public override func handlePeerVector0Interrupt(count: UInt64, time: UInt64) {
        received[0, default: 0] += count
    }

    /// A peer rang this device's doorbell for vector 1.
    public override func handlePeerVector1Interrupt(count: UInt64, time: UInt64) {
        received[1, default: 0] += count
    }
}
