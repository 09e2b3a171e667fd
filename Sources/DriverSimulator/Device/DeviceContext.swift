import DriverRuntime

/// A simulated device's state, as device models and scheduled work see and change it.
/// Every change goes through here with the device locked.
public struct DeviceContext {
    public let layout: DeviceLayout
    public let hostMemory: HostMemory
    var header: ConfigurationHeader
    var interrupts: InterruptCapability?
    /// Indexed by BAR number; nil for BARs without registers.
    var barFiles: [RegisterFile?]
    var configFile: RegisterFile
    var isRemoved = false
    var isPaused = false
    /// The client holding the exclusive session (IOKit's `Open`), if any.
    var sessionOwner: ObjectIdentifier?
    /// Vectors to signal once the device is unlocked.
    var vectorsToSignal: [Int] = []
    /// Work models asked for, handed to the clock once the device is unlocked.
    var scheduled: [(delay: Duration, work: @Sendable (inout DeviceContext) -> Void)] = []
    /// Where events go, recorded as they happen (the device is locked, so one device's events
    /// keep their order).
    let trace: SimulationTrace

    init(layout: DeviceLayout, deviceID: UInt16, hostMemory: HostMemory, trace: SimulationTrace) {
        self.trace = trace
        self.layout = layout
        self.hostMemory = hostMemory
        header = ConfigurationHeader(layout: layout, deviceID: deviceID)
        interrupts = layout.interrupts.map { InterruptCapability(layout: $0, offset: layout.capabilityOffset) }
        var files = [RegisterFile?](repeating: nil, count: (layout.bars.map(\.index).max() ?? -1) + 1)
        for bar in layout.bars { files[bar.index] = RegisterFile(registers: bar.registers) }
        barFiles = files
        configFile = RegisterFile(registers: layout.configRegisters)
    }

    // MARK: Registers, without side effects

    /// The value of a register (element `element` of an array), as stored.
    public func value(of register: String, element: Int = 0) -> UInt64 {
        guard let (file, item) = locate(register, element: element) else {
            preconditionFailure("no register named '\(register)'")
        }
        guard let file else { return configFile.peek(item) }
        return barFiles[file]?.peek(item) ?? 0  // locate found it there
    }

    /// Stores a register value directly.
    public mutating func setValue(_ value: UInt64, of register: String, element: Int = 0) {
        guard let (file, item) = locate(register, element: element) else {
            preconditionFailure("no register named '\(register)'")
        }
        if let file { barFiles[file]?.poke(item, value) } else { configFile.poke(item, value) }
    }

    /// The value at BAR `bar` + `offset`, as stored.
    public func value(bar: Int, offset: Int) -> UInt64? {
        guard bar >= 0, bar < barFiles.count, let element = barFiles[bar]?.element(at: offset) else { return nil }
        return barFiles[bar]?.peek(element)
    }

    /// Stores a value at BAR `bar` + `offset`.
    public mutating func setValue(_ value: UInt64, bar: Int, offset: Int) {
        guard bar >= 0, bar < barFiles.count, let element = barFiles[bar]?.element(at: offset) else {
            preconditionFailure("no register at BAR \(bar) + \(offset)")
        }
        barFiles[bar]?.poke(element, value)
    }

    private func locate(_ name: String, element: Int) -> (Int?, RegisterFile.Element)? {
        if let item = configFile.element(named: name, index: element) { return (nil, item) }
        for (index, file) in barFiles.enumerated() {
            if let item = file?.element(named: name, index: element) { return (index, item) }
        }
        return nil
    }

    // MARK: Interrupts, time, DMA

    /// Sets the status bits of interrupt source `name` and signals its vector.
    public mutating func raise(_ name: String) {
        guard let source = layout.interrupts?.sources.first(where: { $0.name == name }) else {
            preconditionFailure("no interrupt source named '\(name)'")
        }
        if let status = source.status {
            setValue(value(of: status.register) | status.mask, of: status.register)
        }
        signal(vector: source.vector)
    }

    /// Signals an MSI / MSI-X vector (delivered if enabled, unmasked and bus mastering is on).
    public mutating func signal(vector: Int) {
        vectorsToSignal.append(vector)
    }

    /// Runs `work` with the device locked once the clock has moved `delay` further.
    public mutating func schedule(after delay: Duration, _ work: @escaping @Sendable (inout DeviceContext) -> Void) {
        scheduled.append((delay, work))
    }

    /// Whether the device may master the bus (DMA and MSI need it).
    public var busMasterEnabled: Bool { header.busMasterEnabled }

    public var isGone: Bool { isRemoved }

    /// Whether software enabled MSI-X (false for an MSI device, or before `configureInterrupts`).
    public var msixEnabled: Bool { interrupts.map { !$0.isMSI && $0.msixEnabled } ?? false }

    /// Reads host memory by DMA: nil when bus mastering is off, or when the IOMMU refuses
    /// (no live DMA buffer covers the range, or the buffer is only written by the device);
    /// a refusal is recorded in the trace as a DMA fault.
    public mutating func dmaRead(_ address: UInt64, count: Int) -> [UInt8]? {
        guard busMasterEnabled && !isRemoved else { return nil }
        switch hostMemory.deviceRead(address, count: count) {
        case .success(let bytes):
            record(.dma(address: address, length: count, toHost: false))
            return bytes
        case .failure(let fault):
            record(.dmaFault(address: address, length: count, toHost: false, reason: fault.description))
            return nil
        }
    }

    /// Writes host memory by DMA: false when bus mastering is off or the IOMMU refuses (the
    /// refusal is recorded in the trace as a DMA fault).
    @discardableResult
    public mutating func dmaWrite(_ bytes: [UInt8], at address: UInt64) -> Bool {
        guard busMasterEnabled && !isRemoved else { return false }
        if let fault = hostMemory.deviceWrite(bytes, at: address) {
            record(.dmaFault(address: address, length: bytes.count, toHost: true, reason: fault.description))
            return false
        }
        record(.dma(address: address, length: bytes.count, toHost: true))
        return true
    }

    /// Adds a line to the trace.
    public mutating func note(_ text: String) {
        record(.note(text))
    }
}

extension DeviceContext {
    /// What a locked section produced, to act on once the device is unlocked.
    struct Pending {
        var vectors: [Int] = []
        var scheduled: [(delay: Duration, work: @Sendable (inout DeviceContext) -> Void)] = []
    }

    /// Records `kind` in the trace.
    func record(_ kind: consuming TraceEvent.Kind) {
        trace.record(kind)
    }

    /// Hands over the vectors that may be signalled (gated by MSI state, and traced as
    /// delivered or held) and the work scheduled; nil when there is neither, as after most
    /// accesses, which then build and hand over nothing.
    mutating func takePending() -> Pending? {
        if vectorsToSignal.isEmpty && scheduled.isEmpty { return nil }
        var deliverable: [Int] = []
        if !isRemoved {
            for vector in vectorsToSignal {
                guard var capability = interrupts else { continue }
                if isPaused {
                    record(.interruptHeld(vector: vector, reason: "the device is paused"))
                } else if let reason = capability.deliver(vector, busMaster: header.busMasterEnabled) {
                    record(.interruptHeld(vector: vector, reason: reason))
                } else {
                    deliverable.append(vector)
                    record(.interrupt(vector: vector))
                }
                interrupts = capability
            }
        }
        var pending = Pending()
        if !deliverable.isEmpty { pending.vectors = deliverable }
        if !scheduled.isEmpty {
            pending.scheduled = scheduled
            scheduled.removeAll()
        }
        if !vectorsToSignal.isEmpty { vectorsToSignal.removeAll(keepingCapacity: true) }
        return pending
    }

    /// Signals vectors that were pending while masked and are now deliverable.
    mutating func deliverUnmasked() {
        guard var capability = interrupts else { return }
        let ready = capability.takeUnmaskedPending(busMaster: header.busMasterEnabled)
        interrupts = capability
        vectorsToSignal += ready
    }

    /// A write to a register with an effect: the written 1 bits are set in or cleared from the
    /// target. Setting bits in an interrupt status register signals the vectors of its sources.
    mutating func apply(_ effect: RegisterEffectLayout, written: UInt64) {
        let old = value(of: effect.target)
        switch effect.kind {
        case .sets:
            let new = old | written
            setValue(new, of: effect.target)
            if new != 0 { signalSources(ofStatus: effect.target) }
        case .clears:
            setValue(old & ~written, of: effect.target)
        }
    }

    /// Signals the vector of every source whose status is in `register`.
    mutating func signalSources(ofStatus register: String) {
        guard let sources = layout.interrupts?.sources else { return }
        for vector in Set(sources.filter { $0.status?.register == register }.map(\.vector)).sorted() { signal(vector: vector) }
    }
}
