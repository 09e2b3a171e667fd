import DriverRuntime
import DriverSimulator
import Locking

/// QEMU's `edu` device (hw/misc/edu.c), behaviour the spec's access kinds cannot say:
/// the liveness register inverts what is written, writing the factorial register starts a
/// computation that finishes later (status.computing set meanwhile, interrupt 0x1 if asked),
/// and DMA runs 100 ms after the command, copies between host memory and the device's
/// 4 KiB buffer at 0x40000, clears its run bit and raises interrupt 0x100 if asked.
/// Access widths, all-ones for unmapped offsets, and the raise / acknowledge registers come
/// from the spec and the simulator's generic rules.
public final class QEMUEduModel: DeviceModel {
    /// Offsets of the registers this model gives behaviour to (edu.rst).
    enum Offset {
        static let liveness = 0x04
        static let factorial = 0x08
        static let status = 0x20
        static let dmaSource = 0x80
        static let dmaDestination = 0x88
        static let dmaCount = 0x90
        static let dmaCommand = 0x98
    }

    /// Where the DMA buffer sits in the device's address space.
    public static let dmaBufferAddress: UInt64 = 0x40000
    public static let dmaBufferSize = 4096
    /// DMA addresses are masked to 28 bits (edu's default dma_mask).
    public static let dmaMask: UInt64 = (1 << 28) - 1

    /// How long a factorial takes; QEMU computes it on a thread "soon".
    public let factorialDuration: Duration
    /// How long DMA takes: QEMU's timer fires 100 ms after the command.
    public let dmaDuration: Duration

    private let buffer = Locked([UInt8](repeating: 0, count: QEMUEduModel.dmaBufferSize))

    public init(factorialDuration: Duration = .microseconds(10), dmaDuration: Duration = .milliseconds(100)) {
        self.factorialDuration = factorialDuration
        self.dmaDuration = dmaDuration
    }

    /// The device's DMA buffer (not readable over MMIO).
    public var dmaBuffer: [UInt8] { buffer.withLock { $0 } }

    /// Fills the DMA buffer, as a test setting up a device-to-RAM transfer.
    public func fillDMABuffer(_ bytes: [UInt8], at offset: Int = 0) {
        buffer.withLock { $0.replaceSubrange(offset..<offset + bytes.count, with: bytes) }
    }

    /// QEMU's memory core refuses accesses narrower than edu's `valid.min_access_size` (4) before
    /// edu sees them: such reads return 0, not the all ones edu returns for offsets it does not
    /// decode. (Found by the differential check against QEMU 7.2.)
    ///
    /// edu decodes only the first word of its 64-bit DMA registers: a 32-bit read of the upper
    /// half answers all ones, and a 32-bit write stores the value zero-extended (`dma_rw`), where
    /// the generic rules would read and write just those bytes.
    public func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64? {
        guard bar == 0 else { return nil }
        if width < 32 { return 0 }
        if width == 32 && offset >= Offset.dmaSource && offset % 8 == 4 { return 0xFFFF_FFFF }
        return nil
    }

    public func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling {
        guard bar == 0 else { return .apply }
        if width < 32 { return .handled }  // refused by QEMU's memory core: dropped
        let dmaRunning = (device.value(bar: 0, offset: Offset.dmaCommand) ?? 0) & 1 != 0
        switch offset {
        case Offset.liveness:
            return .applyValue(~value & 0xFFFF_FFFF)
        case Offset.factorial:
            guard width == 32 else { return .apply }  // the register file refuses it
            let status = device.value(bar: 0, offset: Offset.status) ?? 0
            if status & 0x1 != 0 { return .handled }  // writes are ignored while computing
            device.setValue(value, bar: 0, offset: Offset.factorial)
            device.setValue(status | 0x1, bar: 0, offset: Offset.status)
            device.schedule(after: factorialDuration) { device in
                Self.finishFactorial(&device)
            }
            return .handled
        case Offset.dmaSource, Offset.dmaDestination, Offset.dmaCount:
            if !dmaRunning { device.setValue(value, bar: 0, offset: offset) }  // zero-extended, as dma_rw stores it
            return .handled
        case Offset.dmaCommand:
            guard width == 32 || width == 64 else { return .apply }
            if value & 0x1 == 0 || dmaRunning { return .handled }  // only a write with run set starts DMA
            device.setValue(value, bar: 0, offset: offset)
            device.schedule(after: dmaDuration) { [self] device in
                finishDMA(&device)
            }
            return .handled
        case _ where offset >= Offset.dmaSource && offset % 8 == 4:
            return .handled  // the upper word of a DMA register: edu ignores it
        default:
            return .apply
        }
    }

    private static func finishFactorial(_ device: inout DeviceContext) {
        let n = UInt32(truncatingIfNeeded: device.value(bar: 0, offset: Offset.factorial) ?? 0)
        var result: UInt32 = 1
        var value = n
        while value > 0 {
            result = result &* value  // uint32_t arithmetic, as edu_fact_thread
            value -= 1
        }
        device.setValue(UInt64(result), bar: 0, offset: Offset.factorial)
        let status = device.value(bar: 0, offset: Offset.status) ?? 0
        device.setValue(status & ~0x1, bar: 0, offset: Offset.status)
        device.note("edu: \(n)! = \(result)")
        if status & 0x80 != 0 { device.raise("factorial") }
    }

    private func finishDMA(_ device: inout DeviceContext) {
        let command = device.value(bar: 0, offset: Offset.dmaCommand) ?? 0
        guard command & 0x1 != 0 else { return }
        let source = device.value(bar: 0, offset: Offset.dmaSource) ?? 0
        let destination = device.value(bar: 0, offset: Offset.dmaDestination) ?? 0
        let count = Int(truncatingIfNeeded: device.value(bar: 0, offset: Offset.dmaCount) ?? 0)
        let toHost = command & 0x2 != 0
        let deviceAddress = toHost ? source : destination
        let hostAddress = (toHost ? destination : source) & Self.dmaMask
        let inBuffer =
            deviceAddress >= Self.dmaBufferAddress && count >= 0
            && deviceAddress + UInt64(count) <= Self.dmaBufferAddress + UInt64(Self.dmaBufferSize)
        if !inBuffer {
            device.note("edu: DMA range 0x\(String(deviceAddress, radix: 16))+\(count) out of bounds; nothing copied")
        } else {
            let start = Int(deviceAddress - Self.dmaBufferAddress)
            if toHost {
                let bytes = buffer.withLock { Array($0[start..<start + count]) }
                if !device.dmaWrite(bytes, at: hostAddress) { device.note("edu: DMA to unmapped host memory") }
            } else if let bytes = device.dmaRead(hostAddress, count: count) {
                buffer.withLock { $0.replaceSubrange(start..<start + count, with: bytes) }
            } else {
                device.note("edu: DMA from unmapped host memory")
            }
        }
        device.setValue(command & ~0x1, bar: 0, offset: Offset.dmaCommand)
        if command & 0x4 != 0 { device.raise("dma") }
    }
}
