import DriverRuntime
import DriverSimulator
import Locking

/// QEMU's `ivshmem-doorbell` (docs/specs/ivshmem-spec.rst, hw/misc/ivshmem-pci.c): reading
/// interrupt status clears it, reserved register offsets read zero, the IV position is this
/// peer's id, ringing the doorbell of this peer interrupts it on the given vector, and BAR 2
/// is plain shared memory.
public final class IvshmemModel: DeviceModel {
    /// This peer's id, read from `ivPosition`.
    public let peerID: UInt16
    private let state = Locked<(doorbells: [(peer: UInt16, vector: UInt16)], memory: [Int: UInt8])>(([], [:]))

    public init(peerID: UInt16 = 0) {
        self.peerID = peerID
    }

    /// Doorbells rung for other peers, in order.
    public var doorbells: [(peer: UInt16, vector: UInt16)] { state.withLock { $0.doorbells } }

    /// `count` bytes of the shared memory (BAR 2) from `offset`, as the other peers see it.
    public func sharedMemory(at offset: Int, count: Int) -> [UInt8] {
        state.withLock { state in (0..<count).map { state.memory[offset + $0] ?? 0 } }
    }

    public func reset(_ device: inout DeviceContext) {
        device.setValue(UInt64(peerID), of: "ivPosition")
    }

    public func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64? {
        switch (bar, offset) {
        case (0, 0x04):
            let status = device.value(of: "interruptStatus")
            device.setValue(0, of: "interruptStatus")  // reading ISR clears all interrupts
            return status
        case (0, 0x10...0xFF):
            return 0
        case (2, _):
            return state.withLock { state in
                (0..<width / 8).reduce(UInt64(0)) { $0 | UInt64(state.memory[offset + $1] ?? 0) << (8 * UInt64($1)) }
            }
        default:
            return nil
        }
    }

    public func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling {
        switch (bar, offset) {
        case (0, 0x0C):
            let vector = UInt16(truncatingIfNeeded: value), peer = UInt16(truncatingIfNeeded: value >> 16)
            if peer == peerID {
                device.signal(vector: Int(vector))
            } else {
                state.withLock { $0.doorbells.append((peer, vector)) }
                device.note("ivshmem: doorbell for peer \(peer), vector \(vector)")
            }
            return .handled
        case (0, 0x10...0xFF):
            return .handled  // reserved: ignored
        case (2, _):
            state.withLock { state in
                for byte in 0..<width / 8 { state.memory[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte))) }
            }
            return .handled
        default:
            return .apply
        }
    }
}
