import DriverRuntime
import Locking
import Synchronization

/// A PCI function built from a generated device's layout: configuration space with its
/// MSI / MSI-X capability, BAR registers that obey their access kinds, cross-register
/// effects, optional behaviour from a `DeviceModel`, and faults (surprise removal, pause).
///
/// Driver-side accesses come through a `SimulatedPCIProvider`; tests use the back door
/// (`value(of:)`, `setValue`, `raise`) which has no side effects and is not traced.
public final class SimulatedPCIDevice: Sendable {
    public let layout: DeviceLayout
    public let clock: SimulationClock
    public let trace: SimulationTrace
    public let hostMemory: HostMemory
    /// The device's behaviour; a device without one answers with its register file alone.
    private let model: any DeviceModel
    private let state: Locked<DeviceContext>
    /// Where the MSI-X table and pending-bit array are, if the device has MSI-X: checked on
    /// every access, so kept apart from the capability's state.
    private let msixTable: (bar: Int, range: Range<Int>)?
    private let msixPBA: (bar: Int, range: Range<Int>)?
    /// `isPaused`, readable without the device lock (every driver access checks it).
    private let pausedFlag = Atomic<Bool>(false)
    /// Where signalled vectors go: the provider the device is attached through.
    private let interruptSink = Locked<(@Sendable (Int) -> Void)?>(nil)

    /// A device answering with `deviceID` (default: the spec's first).
    public init(
        layout: DeviceLayout, deviceID: UInt16? = nil, model: (any DeviceModel)? = nil,
        clock: SimulationClock, trace: SimulationTrace, hostMemory: HostMemory = HostMemory()
    ) {
        self.layout = layout
        self.clock = clock
        self.trace = trace
        self.hostMemory = hostMemory
        self.model = model ?? RegisterFileOnly()
        if let interrupts = layout.interrupts, interrupts.kind == .msix {
            msixTable = interrupts.msixTable.map { ($0.bar, $0.offset..<$0.offset + interrupts.vectors * 16) }
            msixPBA = interrupts.msixPBA.map { ($0.bar, $0.offset..<$0.offset + (interrupts.vectors + 63) / 64 * 8) }
        } else {
            msixTable = nil
            msixPBA = nil
        }
        var context = DeviceContext(layout: layout, deviceID: deviceID ?? layout.pci.devices[0], hostMemory: hostMemory, trace: trace)
        self.model.reset(&context)
        let pending = context.takePending()
        state = Locked(context)
        if let pending { dispatch(pending) }
    }

    // MARK: Identity and state

    /// The registers matching compares.
    public func matchDevice(tunnelled: Bool) -> PCIMatchDevice {
        state.withLock { context in
            PCIMatchDevice(
                vendor: context.header.vendor, device: context.header.device, subsystemVendor: context.header.subsystemVendor,
                subsystem: context.header.subsystem, classCode: context.header.classCode, revision: context.header.revision,
                isTunnelled: tunnelled)
        }
    }

    /// The command register.
    public var command: UInt16 { state.withLock { $0.header.command } }

    /// Whether some client holds the device's exclusive session.
    public var hasOpenSession: Bool { state.withLock { $0.sessionOwner != nil } }

    /// Gives `client` the exclusive session, as IOKit's `Open` does: fails when another client
    /// has it (`.exclusiveAccess`) or the device is gone (`.noDevice`).
    func openSession(for client: ObjectIdentifier) -> PCIError? {
        state.withLock { context in
            if context.isRemoved { return .noDevice }
            if let owner = context.sessionOwner, owner != client { return .exclusiveAccess }
            context.sessionOwner = client
            return nil
        }
    }

    /// Ends `client`'s session; false when it did not hold it.
    func closeSession(for client: ObjectIdentifier) -> Bool {
        state.withLock { context in
            guard context.sessionOwner == client else { return false }
            context.sessionOwner = nil
            return true
        }
    }
    public var isRemoved: Bool { state.withLock { $0.isRemoved } }
    public var isPaused: Bool { pausedFlag.load(ordering: .acquiring) }

    /// Whether the function has MSI / MSI-X enabled (the system's side of configureInterrupts).
    public var interruptsEnabled: Bool {
        state.withLock { context in
            guard let capability = context.interrupts else { return false }
            return capability.isMSI ? capability.msiEnabled : capability.msixEnabled
        }
    }

    // MARK: Back door (no side effects, not traced)

    /// A register's stored value.
    public func value(of register: String, element: Int = 0) -> UInt64 {
        state.withLock { $0.value(of: register, element: element) }
    }

    /// Stores a register value directly.
    public func setValue(_ value: UInt64, of register: String, element: Int = 0) {
        state.withLock { $0.setValue(value, of: register, element: element) }
    }

    /// Changes the device with the lock held, as a model would; signals and work it asks for
    /// happen once it returns.
    public func withContext<Result>(_ body: (inout DeviceContext) -> Result) -> Result {
        var pending: DeviceContext.Pending?
        let result = state.withLock { context in
            let result = body(&context)
            pending = context.takePending()
            return result
        }
        if let pending { dispatch(pending) }
        return result
    }

    /// Raises interrupt source `name`: its status bits are set and its vector signalled.
    public func raise(_ name: String) {
        withContext { $0.raise(name) }
    }

    /// Signals `vector` once, as the device would (gated by MSI state and bus mastering).
    public func signal(vector: Int) {
        withContext { $0.signal(vector: vector) }
    }

    /// Signals `vector` `count` times in a row: an interrupt storm.
    public func storm(vector: Int, count: Int) {
        withContext { context in
            for _ in 0..<count { context.signal(vector: vector) }
        }
    }

    // MARK: Faults

    /// The device disappears, as when a Thunderbolt cable is pulled: from now on reads return
    /// all ones, writes are dropped and no interrupt is sent.
    public func surpriseRemove() {
        state.withLock { $0.isRemoved = true }
        trace.record(.surpriseRemoved)
    }

    func setPaused(_ paused: Bool) {
        state.withLock { context in
            context.isPaused = paused
            pausedFlag.store(paused, ordering: .releasing)
        }
        trace.record(paused ? .paused : .resumed)
    }

    // MARK: Host side

    func connectInterrupts(_ sink: (@Sendable (Int) -> Void)?) {
        interruptSink.withLock { $0 = sink }
    }

    /// What the system does for `ConfigureInterrupts`: program and enable MSI or MSI-X.
    func systemConfigureInterrupts(_ type: InterruptType, vectors: Int) throws(PCIError) {
        let result: Result<Void, PCIError> = withContext { context in
            guard var capability = context.interrupts else { return .failure(.unsupportedInterrupts("the device has no MSI or MSI-X capability")) }
            switch (type, capability.isMSI) {
            case (.msi, true):
                capability.msiEnabledLog2 = vectors > 1 ? Int.bitWidth - (vectors - 1).leadingZeroBitCount : 0
                capability.msiAddress = 0xFEE0_0000
                capability.msiData = 0x4000
                capability.msiEnabled = true
            case (.msix, false):
                for index in capability.msixTable.indices {
                    capability.msixTable[index] = (0xFEE0_0000, 0x4000 + UInt32(index), 0)
                }
                capability.msixEnabled = true
            default:
                return .failure(.unsupportedInterrupts("the device has \(capability.isMSI ? "MSI" : "MSI-X"), not \(type == .msi ? "MSI" : "MSI-X")"))
            }
            context.interrupts = capability
            for vector in capability.isMSI ? [] : Array(0..<capability.layout.vectors) where capability.msixPending[vector] {
                context.signal(vector: vector)
            }
            return .success(())
        }
        try result.get()
    }

    /// After a pause the system may move MSI addresses; drivers must cope.
    func systemRelocateInterrupts() {
        withContext { context in
            context.interrupts?.msiAddress ^= 0x1000
            if let count = context.interrupts?.msixTable.count {
                for index in 0..<count { context.interrupts?.msixTable[index].address ^= 0x1000 }
            }
        }
    }

    func configRead(_ offset: Int, width: Int) -> UInt64 {
        withContext { context in
            if context.isRemoved { return Self.allOnes(width) }
            let base = offset & ~3
            if offset < 0x40 {
                return Self.extract(context.header.word(base), offset: offset, width: width)
            }
            if let capability = context.interrupts, (capability.offset..<capability.offset + capability.size).contains(offset) {
                return Self.extract(capability.configWord(base - capability.offset), offset: offset, width: width)
            }
            if let access = context.configFile.access(at: offset, width: width) {
                return context.configFile.read(access)
            }
            return 0  // unimplemented configuration space reads as zero
        }
    }

    func configWrite(_ offset: Int, width: Int, value: UInt64) {
        withContext { context in
            guard !context.isRemoved else { return }
            let base = offset & ~3
            let shift = UInt32((offset - base) * 8)
            let mask = UInt32(truncatingIfNeeded: Self.allOnes(width)) << shift
            let word = UInt32(truncatingIfNeeded: value) << shift
            if offset < 0x40 {
                let busMasterBefore = context.header.busMasterEnabled
                context.header.write(base, value: word, mask: mask)
                if !busMasterBefore && context.header.busMasterEnabled { context.deliverUnmasked() }
                return
            }
            if var capability = context.interrupts, (capability.offset..<capability.offset + capability.size).contains(offset) {
                let mayUnmask = capability.writeConfigWord(base - capability.offset, value: word, mask: mask)
                context.interrupts = capability
                if mayUnmask { context.deliverUnmasked() }
                return
            }
            if let access = context.configFile.access(at: offset, width: width, forWrite: true) {
                context.configFile.write(access, value & Self.allOnes(width))
            }
        }
    }

    /// A driver read of BAR `bar`. A misaligned read is split as an x86 CPU splits it: into
    /// the two naturally aligned reads of the same width around it, combined.
    func memoryRead(bar: Int, offset: Int, width: Int) -> UInt64 {
        let bytes = width / 8
        if offset % bytes != 0 {
            let low = offset - offset % bytes, shift = UInt64(offset % bytes * 8)
            let first = memoryRead(bar: bar, offset: low, width: width), second = memoryRead(bar: bar, offset: low + bytes, width: width)
            return ((first >> shift) | (second << (UInt64(width) - shift))) & Self.allOnes(width)
        }
        return withContext { context in
            if context.isRemoved {
                context.record(.absent(bar: bar, offset: offset, isWrite: false))
                return Self.allOnes(width)
            }
            guard context.header.memorySpaceEnabled else {
                context.record(.decodeDisabled(bar: bar, offset: offset, isWrite: false))
                return Self.allOnes(width)
            }
            if let table = msixTable, table.bar == bar, table.range.contains(offset), let capability = context.interrupts {
                return Self.readDwords(width) { capability.readTable(offset - table.range.lowerBound + $0) }
            }
            if let pba = msixPBA, pba.bar == bar, pba.range.contains(offset), let capability = context.interrupts {
                return Self.readDwords(width) { capability.readPBA(offset - pba.range.lowerBound + $0) }
            }
            if let value = model.read(bar: bar, offset: offset, width: width, &context) {
                context.record(.memoryRead(bar: bar, offset: offset, width: width, value: value & Self.allOnes(width)))
                return value & Self.allOnes(width)
            }
            // Optional chaining reaches the file in place (a copy would cost every access).
            guard bar < context.barFiles.count, let access = context.barFiles[bar]?.access(at: offset, width: width),
                context.barFiles[bar]?.isReadable(access.element) == true, let value = context.barFiles[bar]?.read(access)
            else {
                context.record(.invalidRead(bar: bar, offset: offset, width: width))
                return Self.allOnes(width)
            }
            context.record(.memoryRead(bar: bar, offset: offset, width: width, value: value))
            return value
        }
    }

    /// A driver write to BAR `bar`. A misaligned write is split into the bytes it covers.
    func memoryWrite(bar: Int, offset: Int, width: Int, value: UInt64) {
        if offset % (width / 8) != 0 {
            for byte in 0..<width / 8 {
                memoryWrite(bar: bar, offset: offset + byte, width: 8, value: value >> UInt64(8 * byte) & 0xFF)
            }
            return
        }
        withContext { context in
            if context.isRemoved {
                context.record(.absent(bar: bar, offset: offset, isWrite: true))
                return
            }
            guard context.header.memorySpaceEnabled else {
                context.record(.decodeDisabled(bar: bar, offset: offset, isWrite: true))
                return
            }
            let value = value & Self.allOnes(width)
            if let table = msixTable, table.bar == bar, table.range.contains(offset), var capability = context.interrupts {
                context.record(.memoryWrite(bar: bar, offset: offset, width: width, value: value))
                var unmask = false
                for dword in 0..<max(1, width / 32) {
                    unmask = capability.writeTable(offset - table.range.lowerBound + dword * 4, UInt32(truncatingIfNeeded: value >> (32 * UInt64(dword)))) || unmask
                }
                context.interrupts = capability
                if unmask { context.deliverUnmasked() }
                return
            }
            if let pba = msixPBA, pba.bar == bar, pba.range.contains(offset) {
                context.record(.invalidWrite(bar: bar, offset: offset, width: width, value: value))
                return  // the pending-bit array is read-only
            }
            var written = value
            switch model.write(bar: bar, offset: offset, width: width, value: value, &context) {
            case .apply: break
            case .applyValue(let replacement): written = replacement
            case .handled:
                context.record(.memoryWrite(bar: bar, offset: offset, width: width, value: value))
                return
            }
            guard bar < context.barFiles.count, let access = context.barFiles[bar]?.access(at: offset, width: width, forWrite: true),
                context.barFiles[bar]?.isWritable(access.element) == true, let before = context.barFiles[bar]?.peek(access.element)
            else {
                context.record(.invalidWrite(bar: bar, offset: offset, width: width, value: value))
                return
            }
            context.record(.memoryWrite(bar: bar, offset: offset, width: width, value: value))
            let bits = context.barFiles[bar]?.write(access, written & Self.allOnes(width)) ?? 0
            let index = access.element.index
            if let effect = context.barFiles[bar]?.registers[index].effect {
                context.apply(effect, written: bits)
            }
            // Setting status bits through an alias (an interrupt cause set register) raises the sources.
            if let target = context.barFiles[bar]?.registers[index].aliasOf, let after = context.barFiles[bar]?.peek(access.element), after & ~before != 0 {
                context.signalSources(ofStatus: target)
            }
        }
    }

    // MARK: Plumbing

    private func dispatch(_ pending: DeviceContext.Pending) {
        if !pending.vectors.isEmpty {
            let sink = interruptSink.withLock { $0 }
            for vector in pending.vectors { sink?(vector) }
        }
        for (delay, work) in pending.scheduled {
            clock.schedule(after: delay) { [weak self] in
                self?.withContext { context in work(&context) }
            }
        }
    }

    static func allOnes(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }

    private static func extract(_ word: UInt32, offset: Int, width: Int) -> UInt64 {
        (UInt64(word) >> UInt64((offset & 3) * 8)) & allOnes(width)
    }

    private static func readDwords(_ width: Int, _ dword: (Int) -> UInt32) -> UInt64 {
        width == 64 ? UInt64(dword(0)) | UInt64(dword(4)) << 32 : UInt64(dword(0)) & allOnes(width)
    }
}
