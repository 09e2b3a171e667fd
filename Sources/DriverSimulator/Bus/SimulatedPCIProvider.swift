import DriverRuntime
import Locking
import Synchronization

/// The `IOPCIDevice` a driver sees for a simulated device: sessions, configuration and memory
/// access by memory index, BAR info, capability lookup, interrupt configuration and delivery.
/// It records every driver access in the trace, and flags the ones a real system would not
/// allow (without an open session, while paused, after stop) as violations.
public final class SimulatedPCIProvider: PCIDeviceProvider {
    public let device: SimulatedPCIDevice
    private var trace: SimulationTrace { device.trace }
    /// BARs in index order, each with its memory index.
    private let memoryIndexes: [(bar: Int, memoryIndex: UInt8, layout: BarLayout)]

    private struct State {
        var client: ObjectIdentifier?
        var isStopped = false
        var configured: (type: InterruptType, vectors: Int)?
        var sources: [Int: InterruptDispatchSource] = [:]
    }

    private let state = Locked(State())
    /// Whether a session is open and whether the driver stopped, readable without the lock:
    /// every register access checks them. Written only with `state` locked.
    private let sessionOpen = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)

    public init(device: SimulatedPCIDevice) {
        self.device = device
        memoryIndexes = device.layout.bars.sorted { $0.index < $1.index }.enumerated().map { ($1.index, UInt8($0), $1) }
        // The device holds its interrupt sink; the sink holds the provider's state weakly, not
        // the provider: a weak reference gives an object a side table, which would slow every
        // retain of the provider, and drivers retain it on each register access.
        device.connectInterrupts { [weak state, clock = device.clock] vector in
            Self.deliver(vector, state: state, clock: clock)
        }
    }

    /// Marks the driver stopped: from now on any access is a violation.
    func markStopped() {
        let sources = state.withLock { state in
            state.isStopped = true
            stopped.store(true, ordering: .releasing)
            defer { state.sources.removeAll() }
            return Array(state.sources.values)
        }
        for source in sources { source.cancel() }
    }

    var isOpen: Bool { state.withLock { $0.client != nil } }

    // MARK: Sessions

    /// The device's exclusive session: fails with `.exclusiveAccess` while another client, of
    /// this provider or of another one on the same device, holds it.
    public func open(for client: AnyObject) throws(PCIError) {
        let id = ObjectIdentifier(client)
        let result: PCIError? = state.withLock { state in
            if let holder = state.client { return holder == id ? nil : .exclusiveAccess }
            if let refusal = device.openSession(for: id) { return refusal }
            state.client = id
            sessionOpen.store(true, ordering: .releasing)
            return nil
        }
        if let result {
            trace.record(.note("open refused: \(result)"))
            throw result
        }
        trace.record(.opened)
    }

    public func close(for client: AnyObject) {
        let wasOpen = state.withLock { state -> Bool in
            guard state.client == ObjectIdentifier(client) else { return false }
            state.client = nil
            sessionOpen.store(false, ordering: .releasing)
            return device.closeSession(for: ObjectIdentifier(client))
        }
        guard wasOpen else { return }
        // Closing clears Memory Space and Bus Master Enable.
        let command = UInt64(device.command & ~(PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable))
        device.configWrite(Int(PCIConfiguration.command), width: 16, value: command)
        trace.record(.closed)
    }

    // MARK: Access checks

    /// Nil when the access may go ahead; otherwise records why not.
    private func refusal(_ what: @autoclosure () -> String) -> Bool {
        let open = sessionOpen.load(ordering: .acquiring)
        if stopped.load(ordering: .acquiring) {
            trace.record(.violation("\(what()) after the driver stopped"))
            return true
        }
        if device.isPaused {
            trace.record(.violation("\(what()) while the device is paused"))
            return true
        }
        if !open {
            trace.record(.violation("\(what()) without an open session"))
            return true
        }
        return false
    }

    // MARK: Configuration space

    public func configurationRead8(at offset: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: configRead(offset, 8)) }
    public func configurationRead16(at offset: UInt16) -> UInt16 { UInt16(truncatingIfNeeded: configRead(offset, 16)) }
    public func configurationRead32(at offset: UInt16) -> UInt32 { UInt32(truncatingIfNeeded: configRead(offset, 32)) }
    public func configurationWrite8(_ value: UInt8, at offset: UInt16) { configWrite(offset, 8, UInt64(value)) }
    public func configurationWrite16(_ value: UInt16, at offset: UInt16) { configWrite(offset, 16, UInt64(value)) }
    public func configurationWrite32(_ value: UInt32, at offset: UInt16) { configWrite(offset, 32, UInt64(value)) }

    private func configRead(_ offset: UInt16, _ width: Int) -> UInt64 {
        if refusal("config read at 0x\(String(offset, radix: 16))") { return SimulatedPCIDevice.allOnes(width) }
        if device.isRemoved {
            trace.record(.absent(bar: nil, offset: Int(offset), isWrite: false))
            return SimulatedPCIDevice.allOnes(width)
        }
        let value = device.configRead(Int(offset), width: width)
        trace.record(.configRead(offset: Int(offset), width: width, value: value))
        return value
    }

    private func configWrite(_ offset: UInt16, _ width: Int, _ value: UInt64) {
        if refusal("config write at 0x\(String(offset, radix: 16))") { return }
        if device.isRemoved {
            trace.record(.absent(bar: nil, offset: Int(offset), isWrite: true))
            return
        }
        trace.record(.configWrite(offset: Int(offset), width: width, value: value))
        device.configWrite(Int(offset), width: width, value: value)
    }

    // MARK: Memory

    private func bar(ofMemoryIndex index: UInt8) -> Int? {
        memoryIndexes.first { $0.memoryIndex == index }?.bar
    }

    public func memoryRead8(memoryIndex: UInt8, offset: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: memoryRead(memoryIndex, offset, 8)) }
    public func memoryRead16(memoryIndex: UInt8, offset: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: memoryRead(memoryIndex, offset, 16)) }
    public func memoryRead32(memoryIndex: UInt8, offset: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: memoryRead(memoryIndex, offset, 32)) }
    public func memoryRead64(memoryIndex: UInt8, offset: UInt64) -> UInt64 { memoryRead(memoryIndex, offset, 64) }
    public func memoryWrite8(_ value: UInt8, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 8, UInt64(value)) }
    public func memoryWrite16(_ value: UInt16, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 16, UInt64(value)) }
    public func memoryWrite32(_ value: UInt32, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 32, UInt64(value)) }
    public func memoryWrite64(_ value: UInt64, memoryIndex: UInt8, offset: UInt64) { memoryWrite(memoryIndex, offset, 64, value) }

    private func memoryRead(_ index: UInt8, _ offset: UInt64, _ width: Int) -> UInt64 {
        if refusal("memory read at index \(index) + 0x\(String(offset, radix: 16))") { return SimulatedPCIDevice.allOnes(width) }
        guard let bar = bar(ofMemoryIndex: index) else {
            trace.record(.violation("memory read at unknown memory index \(index)"))
            return SimulatedPCIDevice.allOnes(width)
        }
        return device.memoryRead(bar: bar, offset: Int(offset), width: width)
    }

    private func memoryWrite(_ index: UInt8, _ offset: UInt64, _ width: Int, _ value: UInt64) {
        if refusal("memory write at index \(index) + 0x\(String(offset, radix: 16))") { return }
        guard let bar = bar(ofMemoryIndex: index) else {
            trace.record(.violation("memory write at unknown memory index \(index)"))
            return
        }
        device.memoryWrite(bar: bar, offset: Int(offset), width: width, value: value)
    }

    public func barInfo(barIndex: UInt8) throws(PCIError) -> BARInfo {
        guard let entry = memoryIndexes.first(where: { $0.bar == Int(barIndex) }) else { throw .noSuchBAR(Int(barIndex)) }
        let type: BARInfo.MemoryType =
            switch (entry.layout.is64Bit, entry.layout.prefetchable) {
            case (false, false): .memory32
            case (false, true): .memory32Prefetchable
            case (true, false): .memory64
            case (true, true): .memory64Prefetchable
            }
        return BARInfo(memoryIndex: entry.memoryIndex, size: entry.layout.size, type: type)
    }

    public func findCapability(id: UInt8, after searchOffset: UInt32) -> UInt32? {
        var offset = UInt32(device.configRead(Int(PCIConfiguration.capabilitiesPointer), width: 8)) & 0xFC
        var passedStart = searchOffset == 0
        var guardCount = 0
        while offset != 0 && guardCount < 48 {
            let header = device.configRead(Int(offset), width: 16)
            if passedStart && UInt8(truncatingIfNeeded: header) == id { return offset }
            if offset == searchOffset { passedStart = true }
            offset = UInt32(header >> 8) & 0xFC
            guardCount += 1
        }
        return nil
    }

    // MARK: Interrupts

    public func configureInterrupts(_ type: InterruptType, required: Int, requested: Int) throws(PCIError) {
        if state.withLock({ $0.configured != nil }) { return }  // the first call wins
        guard let capability = device.layout.interrupts else { throw .unsupportedInterrupts("the device has no MSI or MSI-X capability") }
        let available = capability.vectors
        var count = min(max(requested, required), available)
        if type == .msi {
            guard count <= 32 else { throw .unsupportedInterrupts("MSI has at most 32 vectors") }
            count = count <= 1 ? 1 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)  // round up to a power of two
            count = min(count, available)
        }
        guard count >= required, required >= 1 else {
            throw .unsupportedInterrupts("\(required) vectors required, the device has \(available)")
        }
        try device.systemConfigureInterrupts(type, vectors: count)
        state.withLock { $0.configured = (type, count) }
        trace.record(.interruptsConfigured(type: type == .msi ? "MSI" : "MSI-X", vectors: count))
    }

    public func attach(_ source: InterruptDispatchSource, index: Int) throws(PCIError) {
        let error: PCIError? = state.withLock { state in
            guard let configured = state.configured else {
                // Without ConfigureInterrupts, index 0 is INTx (which the simulator never asserts).
                if index == 0 {
                    state.sources[index] = source
                    return nil
                }
                return .noSuchInterrupt(index)
            }
            guard index >= 0 && index < configured.vectors else { return .noSuchInterrupt(index) }
            state.sources[index] = source
            return nil
        }
        if let error { throw error }
    }

    public func detach(_ source: InterruptDispatchSource, index: Int) {
        state.withLock { state in
            if state.sources[index] === source { state.sources[index] = nil }
        }
    }

    private static func deliver(_ vector: Int, state: Locked<State>?, clock: SimulationClock) {
        let source = state?.withLock { $0.configured == nil ? nil : $0.sources[vector] }
        source?.signal(time: clock.now)
    }

    // MARK: Time and DMA

    /// The simulation's virtual clock: a driver that sleeps or polls with a timeout moves it on.
    public var clock: any DriverClock { device.clock }

    public func allocateDMABuffer(length: Int, direction: DMADirection, specification: DMASpecification) throws(PCIError) -> DMABuffer {
        if refusal("DMA buffer allocation") { throw .notOpen }
        let buffer = try device.hostMemory.allocate(length: length, direction: direction, specification: specification)
        trace.record(.note("DMA buffer \(buffer.segments.map(\.description).joined(separator: ", ")) \(direction)"))
        return buffer
    }

    public func serviceEvent(_ event: ServiceEvent, from client: AnyObject) {
        switch event {
        case .propertySet(let key, let value): trace.record(.propertySet(key: key, value: value))
        case .registered: trace.record(.serviceRegistered)
        case .started: trace.record(.driverStarted(driver: "\(type(of: client))"))
        case .stopped: trace.record(.driverStopped(driver: "\(type(of: client))"))
        }
    }
}
