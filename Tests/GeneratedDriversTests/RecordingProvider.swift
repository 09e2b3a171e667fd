import DriverRuntime
import Locking

/// A provider that answers from plain memory and records every call, in order, as text.
/// Enough to check what a driver does and when; the simulator models real device behaviour.
final class RecordingProvider: PCIDeviceProvider {
    private struct State {
        var events: [String] = []
        var configuration = [UInt8](repeating: 0, count: 256)
        var memory: [UInt8: InMemoryBus] = [:]
        var client: ObjectIdentifier?
        var interruptType: InterruptType?
        var sources: [Int: InterruptDispatchSource] = [:]
    }

    private let state = Locked(State())
    private let bars: [UInt8: BARInfo]

    init(bars: [UInt8: BARInfo]) {
        self.bars = bars
        state.withLock { state in
            for (_, info) in bars { state.memory[info.memoryIndex] = InMemoryBus(size: Int(info.size)) }
        }
    }

    var events: [String] { state.withLock { $0.events } }

    private func record(_ event: String) { state.withLock { $0.events.append(event) } }

    func open(for client: AnyObject) throws(PCIError) {
        let taken = state.withLock { state -> Bool in
            if state.client != nil { return true }
            state.client = ObjectIdentifier(client)
            return false
        }
        if taken { throw .exclusiveAccess }
        record("open")
    }

    func close(for client: AnyObject) {
        state.withLock { $0.client = nil }
        record("close")
    }

    func configurationRead8(at offset: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: configurationRead(offset, 1)) }
    func configurationRead16(at offset: UInt16) -> UInt16 { UInt16(truncatingIfNeeded: configurationRead(offset, 2)) }
    func configurationRead32(at offset: UInt16) -> UInt32 { UInt32(truncatingIfNeeded: configurationRead(offset, 4)) }
    func configurationWrite8(_ value: UInt8, at offset: UInt16) { configurationWrite(UInt32(value), offset, 1) }
    func configurationWrite16(_ value: UInt16, at offset: UInt16) { configurationWrite(UInt32(value), offset, 2) }
    func configurationWrite32(_ value: UInt32, at offset: UInt16) { configurationWrite(value, offset, 4) }

    private func configurationRead(_ offset: UInt16, _ size: Int) -> UInt32 {
        let value = state.withLock { state in
            (0..<size).reduce(UInt32(0)) { $0 | UInt32(state.configuration[Int(offset) + $1]) << (8 * $1) }
        }
        record("config read\(size * 8) \(hex(offset))")
        return value
    }

    private func configurationWrite(_ value: UInt32, _ offset: UInt16, _ size: Int) {
        state.withLock { state in
            for byte in 0..<size { state.configuration[Int(offset) + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
        record("config write\(size * 8) \(hex(offset)) = \(hex(value))")
    }

    private func bus(_ index: UInt8) -> InMemoryBus { state.withLock { $0.memory[index]! } }

    func memoryRead8(memoryIndex: UInt8, offset: UInt64) -> UInt8 { memoryRead(memoryIndex, offset, 8) { $0.read8(at: $1) } }
    func memoryRead16(memoryIndex: UInt8, offset: UInt64) -> UInt16 { memoryRead(memoryIndex, offset, 16) { $0.read16(at: $1) } }
    func memoryRead32(memoryIndex: UInt8, offset: UInt64) -> UInt32 { memoryRead(memoryIndex, offset, 32) { $0.read32(at: $1) } }
    func memoryRead64(memoryIndex: UInt8, offset: UInt64) -> UInt64 { memoryRead(memoryIndex, offset, 64) { $0.read64(at: $1) } }
    func memoryWrite8(_ value: UInt8, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 8, UInt64(value)) { $0.write8(value, at: $1) } }
    func memoryWrite16(_ value: UInt16, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 16, UInt64(value)) { $0.write16(value, at: $1) } }
    func memoryWrite32(_ value: UInt32, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 32, UInt64(value)) { $0.write32(value, at: $1) } }
    func memoryWrite64(_ value: UInt64, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 64, value) { $0.write64(value, at: $1) } }

    private func memoryRead<T: FixedWidthInteger>(_ index: UInt8, _ offset: UInt64, _ width: Int, _ read: (InMemoryBus, Int) -> T) -> T {
        let value = read(bus(index), Int(offset))
        record("memory\(index) read\(width) \(hex(offset))")
        return value
    }

    private func memoryWrite(_ index: UInt8, _ offset: UInt64, _ width: Int, _ value: UInt64, _ write: (InMemoryBus, Int) -> Void) {
        write(bus(index), Int(offset))
        record("memory\(index) write\(width) \(hex(offset)) = \(hex(value))")
    }

    func barInfo(barIndex: UInt8) throws(PCIError) -> BARInfo {
        record("barInfo \(barIndex)")
        guard let info = bars[barIndex] else { throw .noSuchBAR(Int(barIndex)) }
        return info
    }

    func findCapability(id: UInt8, after searchOffset: UInt32) -> UInt32? { nil }

    func configureInterrupts(_ type: InterruptType, required: Int, requested: Int) throws(PCIError) {
        state.withLock { $0.interruptType = type }
        record("configureInterrupts \(type == .msi ? "msi" : "msix") \(required)")
    }

    func attach(_ source: InterruptDispatchSource, index: Int) throws(PCIError) {
        state.withLock { $0.sources[index] = source }
        record("attach \(index)")
    }

    func detach(_ source: InterruptDispatchSource, index: Int) {
        state.withLock { $0.sources[index] = nil }
        record("detach \(index)")
    }

    /// Raises interrupt `index` as the device would.
    func interrupt(_ index: Int, time: DriverInstant = .start) {
        state.withLock { $0.sources[index] }?.signal(time: time)
    }

    /// Stores `value` in BAR memory without recording it (test setup).
    func poke(_ value: UInt32, memoryIndex: UInt8, offset: Int) {
        bus(memoryIndex).poke(value, at: offset)
    }

    let clock: any DriverClock = MonotonicClock.shared

    func allocateDMABuffer(length: Int, direction: DMADirection, specification: DMASpecification) throws(PCIError) -> DMABuffer {
        record("allocateDMABuffer \(length) \(direction)")
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 16)
        return DMABuffer(length: length, direction: direction, segments: [DMASegment(address: 0x1000, length: length)], bytes: bytes) {
            $0.deallocate()
        }
    }

    func serviceEvent(_ event: ServiceEvent, from client: AnyObject) {
        switch event {
        case .propertySet(let key, let value): record("property \(key) = \(value)")
        case .registered: record("registerService")
        case .started: record("start")
        case .stopped: record("stop")
        }
    }

    private func hex(_ value: some BinaryInteger) -> String { "0x" + String(value, radix: 16) }
}
