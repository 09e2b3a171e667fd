#if os(Linux)
import CVFIO
import CVolatile
import Dispatch
import DriverRuntime
import Locking
import Glibc

/// The `IOPCIDevice` a driver sees for a real PCI function on Linux, through VFIO: an
/// exclusive session, configuration space through the config region, BARs mapped into memory
/// (or read and written through the device file where they cannot be mapped), MSI and MSI-X
/// through eventfds, DMA buffers mapped into the IOMMU, and the monotonic clock.
///
/// Every access is exactly the width asked, and a failed one reads all ones, as on macOS.
// Safe to share: the BAR mappings (raw pointers, hence the unchecked conformance) are made in
// init and never change until `shutDown()`, after the driver stopped; every other mutable part
// is behind `state`. What goes through the mappings is MMIO, whose ordering is the device's.
public final class VFIOProvider: PCIDeviceProvider, @unchecked Sendable {
    public let device: VFIODevice
    public let clock: any DriverClock = MonotonicClock.shared

    /// A memory BAR: its memory index, size, type and how it is reached.
    struct MemoryBAR {
        let bar: Int
        let memoryIndex: UInt8
        let size: UInt64
        let type: BARInfo.MemoryType
        /// Mapped parts: offset in the BAR, size, address.
        var mappings: [(offset: UInt64, size: UInt64, base: UnsafeMutableRawPointer)]
    }

    private struct State {
        var client: ObjectIdentifier?
        var configured: (msix: Bool, vectors: Int)?
        var sources: [Int: InterruptDispatchSource] = [:]
        var eventSources: [DispatchSourceRead] = []
        var eventFDs: [Int32] = []
        var addresses: DeviceAddressAllocator
        /// DMA memory by device address; `deviceMapped` turns false when shutdown unmapped it from the IOMMU.
        /// The memory is kept as its address (an integer) so the state holds no pointer.
        var dmaMappings: [UInt64: (size: UInt64, memory: UInt, deviceMapped: Bool)] = [:]
        var isShutDown = false
    }

    private let bars: [MemoryBAR]
    /// Per memory index, the base of a BAR mapped whole (nil otherwise), for the fast path.
    private let wholeMappings: [(base: UnsafeMutableRawPointer?, size: UInt64)]
    private let state: Locked<State>
    private let interruptQueue = DispatchQueue(label: "VFIOProvider.interrupts")

    /// Opens `device`'s BARs: each memory BAR gets a memory index (in BAR order) and is
    /// mapped where VFIO allows it.
    public init(device: VFIODevice) {
        self.device = device
        var bars: [MemoryBAR] = []
        var bar = 0
        while bar < 6 {
            let register = device.read(region: VFIODevice.configRegionIndex, offset: 0x10 + UInt64(bar) * 4, width: 32).map(UInt32.init) ?? 0
            let is64Bit = register & 0x1 == 0 && register & 0x6 == 0x4
            defer { bar += is64Bit ? 2 : 1 }
            guard register & 0x1 == 0, let region = device.regions[bar], region.size > 0 else { continue }
            let prefetchable = register & 0x8 != 0
            let type: BARInfo.MemoryType =
                switch (is64Bit, prefetchable) {
                case (false, false): .memory32
                case (false, true): .memory32Prefetchable
                case (true, false): .memory64
                case (true, true): .memory64Prefetchable
                }
            var mappings: [(UInt64, UInt64, UnsafeMutableRawPointer)] = []
            if region.isMappable {
                for area in region.sparseAreas ?? [(0, region.size)] where area.size > 0 {
                    if let base = device.map(region: bar, offset: area.offset, size: area.size) { mappings.append((area.offset, area.size, base)) }
                }
            }
            bars.append(MemoryBAR(bar: bar, memoryIndex: UInt8(bars.count), size: region.size, type: type, mappings: mappings))
        }
        self.bars = bars
        wholeMappings = bars.map { bar in
            bar.mappings.count == 1 && bar.mappings[0].offset == 0 && bar.mappings[0].size >= bar.size
                ? (bar.mappings[0].base, bar.size) : (nil, 0)
        }
        state = Locked(State(addresses: DeviceAddressAllocator(ranges: device.iovaRanges)))
    }

    deinit {
        shutDown()
    }

    /// BARs mapped into memory (the rest go through the device file), for diagnostics.
    public var mappedBARs: [Int] { bars.filter { !$0.mappings.isEmpty }.map(\.bar) }

    /// A bus of plain volatile loads and stores on BAR `barIndex`, when all of it is mapped: the
    /// fastest way to its registers, valid until `shutDown()`. (Providers' buses go through the
    /// provider, as on macOS; this one is Linux's shortcut.)
    public func pointerBus(barIndex: Int) -> PointerBus? {
        guard let bar = bars.first(where: { $0.bar == barIndex }), let base = wholeMappings[Int(bar.memoryIndex)].base else { return nil }
        return PointerBus(base: base)
    }

    // MARK: Sessions

    public func open(for client: AnyObject) throws(PCIError) {
        let error: PCIError? = state.withLock { state in
            if state.isShutDown { return .noDevice }
            if state.client != nil { return .exclusiveAccess }
            state.client = ObjectIdentifier(client)
            return nil
        }
        if let error { throw error }
    }

    public func close(for client: AnyObject) {
        let wasOpen = state.withLock { state -> Bool in
            guard state.client == ObjectIdentifier(client) else { return false }
            state.client = nil
            return true
        }
        guard wasOpen else { return }
        let command = configurationRead16(at: PCIConfiguration.command)
        if command != .max {
            configurationWrite16(command & ~(PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable), at: PCIConfiguration.command)
        }
    }

    // MARK: Configuration space

    public func configurationRead8(at offset: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: configRead(offset, 8)) }
    public func configurationRead16(at offset: UInt16) -> UInt16 { UInt16(truncatingIfNeeded: configRead(offset, 16)) }
    public func configurationRead32(at offset: UInt16) -> UInt32 { UInt32(truncatingIfNeeded: configRead(offset, 32)) }
    public func configurationWrite8(_ value: UInt8, at offset: UInt16) { configWrite(offset, 8, UInt64(value)) }
    public func configurationWrite16(_ value: UInt16, at offset: UInt16) { configWrite(offset, 16, UInt64(value)) }
    public func configurationWrite32(_ value: UInt32, at offset: UInt16) { configWrite(offset, 32, UInt64(value)) }

    private func configRead(_ offset: UInt16, _ width: Int) -> UInt64 {
        device.read(region: VFIODevice.configRegionIndex, offset: UInt64(offset), width: width) ?? Self.allOnes(width)
    }

    private func configWrite(_ offset: UInt16, _ width: Int, _ value: UInt64) {
        device.write(region: VFIODevice.configRegionIndex, offset: UInt64(offset), width: width, value: value)
    }

    // MARK: Memory

    public func memoryRead8(memoryIndex: UInt8, offset: UInt64) -> UInt8 {
        if let address = mapped(memoryIndex, offset, 1) { return drivergen_volatile_load8(address) }
        return UInt8(truncatingIfNeeded: fileRead(memoryIndex, offset, 8))
    }

    public func memoryRead16(memoryIndex: UInt8, offset: UInt64) -> UInt16 {
        if let address = mapped(memoryIndex, offset, 2) { return drivergen_volatile_load16(address) }
        return UInt16(truncatingIfNeeded: fileRead(memoryIndex, offset, 16))
    }

    public func memoryRead32(memoryIndex: UInt8, offset: UInt64) -> UInt32 {
        if let address = mapped(memoryIndex, offset, 4) { return drivergen_volatile_load32(address) }
        return UInt32(truncatingIfNeeded: fileRead(memoryIndex, offset, 32))
    }

    public func memoryRead64(memoryIndex: UInt8, offset: UInt64) -> UInt64 {
        if let address = mapped(memoryIndex, offset, 8) { return drivergen_volatile_load64(address) }
        return fileRead(memoryIndex, offset, 64)
    }

    public func memoryWrite8(_ value: UInt8, memoryIndex: UInt8, offset: UInt64) {
        if let address = mapped(memoryIndex, offset, 1) { return drivergen_volatile_store8(address, value) }
        fileWrite(memoryIndex, offset, 8, UInt64(value))
    }

    public func memoryWrite16(_ value: UInt16, memoryIndex: UInt8, offset: UInt64) {
        if let address = mapped(memoryIndex, offset, 2) { return drivergen_volatile_store16(address, value) }
        fileWrite(memoryIndex, offset, 16, UInt64(value))
    }

    public func memoryWrite32(_ value: UInt32, memoryIndex: UInt8, offset: UInt64) {
        if let address = mapped(memoryIndex, offset, 4) { return drivergen_volatile_store32(address, value) }
        fileWrite(memoryIndex, offset, 32, UInt64(value))
    }

    public func memoryWrite64(_ value: UInt64, memoryIndex: UInt8, offset: UInt64) {
        if let address = mapped(memoryIndex, offset, 8) { return drivergen_volatile_store64(address, value) }
        fileWrite(memoryIndex, offset, 64, value)
    }

    /// The address of `bytes` bytes at `offset` of a mapped part of the BAR, or nil.
    @inline(__always)
    private func mapped(_ memoryIndex: UInt8, _ offset: UInt64, _ bytes: UInt64) -> UnsafeMutableRawPointer? {
        let index = Int(memoryIndex)
        guard index < bars.count else { return nil }
        if let base = wholeMappings[index].base {
            return offset < wholeMappings[index].size && bytes <= wholeMappings[index].size - offset ? base + Int(offset) : nil
        }
        for mapping in bars[Int(memoryIndex)].mappings where offset >= mapping.offset && offset - mapping.offset + bytes <= mapping.size {
            return mapping.base + Int(offset - mapping.offset)
        }
        return nil
    }

    private func fileRead(_ memoryIndex: UInt8, _ offset: UInt64, _ width: Int) -> UInt64 {
        guard Int(memoryIndex) < bars.count else { return Self.allOnes(width) }
        return device.read(region: bars[Int(memoryIndex)].bar, offset: offset, width: width) ?? Self.allOnes(width)
    }

    private func fileWrite(_ memoryIndex: UInt8, _ offset: UInt64, _ width: Int, _ value: UInt64) {
        guard Int(memoryIndex) < bars.count else { return }
        device.write(region: bars[Int(memoryIndex)].bar, offset: offset, width: width, value: value)
    }

    public func barInfo(barIndex: UInt8) throws(PCIError) -> BARInfo {
        guard let bar = bars.first(where: { $0.bar == Int(barIndex) }) else { throw .noSuchBAR(Int(barIndex)) }
        return BARInfo(memoryIndex: bar.memoryIndex, size: bar.size, type: bar.type)
    }

    public func findCapability(id: UInt8, after searchOffset: UInt32) -> UInt32? {
        guard configurationRead16(at: PCIConfiguration.status) & PCIConfiguration.capabilitiesListPresent != 0 else { return nil }
        var offset = UInt32(configurationRead8(at: PCIConfiguration.capabilitiesPointer)) & 0xFC
        var passedStart = searchOffset == 0
        var steps = 0
        while offset != 0 && steps < 48 {
            let header = configurationRead16(at: UInt16(offset))
            if passedStart && UInt8(truncatingIfNeeded: header) == id { return offset }
            if offset == searchOffset { passedStart = true }
            offset = UInt32(header >> 8) & 0xFC
            steps += 1
        }
        return nil
    }

    // MARK: Interrupts

    public func configureInterrupts(_ type: InterruptType, required: Int, requested: Int) throws(PCIError) {
        if state.withLock({ $0.configured != nil }) { return }  // the first call wins
        let msix = type == .msix
        let available = device.interruptCounts[Int(msix ? VFIODevice.msixIndex : VFIODevice.msiIndex)] ?? 0
        guard available > 0 else { throw .unsupportedInterrupts("the device has no \(msix ? "MSI-X" : "MSI") capability") }
        var count = min(max(requested, required), available)
        if !msix {
            count = count <= 1 ? 1 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
            count = min(count, available)
        }
        guard required >= 1, count >= required else {
            throw .unsupportedInterrupts("\(required) vectors required, the device has \(available)")
        }
        var fds: [Int32] = []
        for _ in 0..<count {
            let fd = drivergen_eventfd()
            guard fd >= 0 else {
                fds.forEach { Glibc.close($0) }
                throw .unsupportedInterrupts("eventfd: \(SystemError.text(errno))")
            }
            fds.append(fd)
        }
        do {
            try device.enableInterrupts(msix: msix, eventFDs: fds)
        } catch {
            fds.forEach { Glibc.close($0) }
            throw .unsupportedInterrupts(error.description)
        }
        state.withLock { state in
            state.configured = (msix, count)
            state.eventFDs = fds
            state.eventSources = fds.enumerated().map { vector, fd in
                let reader = DispatchSource.makeReadSource(fileDescriptor: fd, queue: interruptQueue)
                reader.setEventHandler { [weak self] in self?.interruptArrived(vector: vector, fd: fd) }
                reader.resume()
                return reader
            }
        }
    }

    private func interruptArrived(vector: Int, fd: Int32) {
        let time = clock.now
        var count: UInt64 = 0
        guard Glibc.read(fd, &count, 8) == 8, count > 0 else { return }
        let source = state.withLock { $0.sources[vector] }
        for _ in 0..<count { source?.signal(time: time) }
    }

    public func attach(_ source: InterruptDispatchSource, index: Int) throws(PCIError) {
        let error: PCIError? = state.withLock { state in
            guard let configured = state.configured else {
                // Without ConfigureInterrupts, index 0 is INTx, which this provider never raises.
                guard index == 0 else { return .noSuchInterrupt(index) }
                state.sources[index] = source
                return nil
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

    // MARK: DMA

    public func allocateDMABuffer(length: Int, direction: DMADirection, specification: DMASpecification) throws(PCIError) -> DMABuffer {
        guard length > 0 else { throw .dmaUnavailable("a DMA buffer needs at least one byte, not \(length)") }
        let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        let size = (UInt64(length) + page - 1) / page * page
        let alignment = UInt64(max(specification.alignment, Int(page)))
        guard alignment & (alignment - 1) == 0 else { throw .dmaUnavailable("alignment \(alignment) is not a power of two") }
        guard alignment <= page else { throw .dmaUnavailable("alignments above the page size (\(page)) are not supported") }
        guard let memory = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), memory != MAP_FAILED else {
            throw .dmaUnavailable("mmap of \(size) bytes: \(SystemError.text(errno))")
        }
        // Touch every page first: VFIO pins what is there at map time, and an untouched page of
        // a buffer the device only reads would be pinned as the shared zero page, which the
        // CPU's later writes copy away from.
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: Int(size))
        let placed = state.withLock { state -> UInt64? in
            guard !state.isShutDown else { return nil }
            return state.addresses.allocate(length: size, alignment: alignment, limit: specification.addressLimit)
        }
        guard let iova = placed else {
            munmap(memory, Int(size))
            throw .dmaUnavailable("no room for \(length) bytes below the device's \(specification.maxAddressBits)-bit address limit")
        }
        do {
            try device.mapDMA(memory: memory, iova: iova, size: size, deviceReads: direction.deviceReads, deviceWrites: direction.deviceWrites)
        } catch {
            munmap(memory, Int(size))
            throw .dmaUnavailable(error.description)
        }
        state.withLock { $0.dmaMappings[iova] = (size, UInt(bitPattern: memory), true) }
        return DMABuffer(length: length, direction: direction, segments: [DMASegment(address: iova, length: length)], bytes: memory) {
            [weak self] _ in self?.unmapDMA(iova: iova)
        }
    }

    private func unmapDMA(iova: UInt64) {
        guard let mapping = state.withLock({ $0.dmaMappings.removeValue(forKey: iova) }) else { return }
        if mapping.deviceMapped { device.unmapDMA(iova: iova, size: mapping.size) }
        munmap(UnsafeMutableRawPointer(bitPattern: mapping.memory), Int(mapping.size))
    }

    // MARK: Teardown

    /// Turns interrupts off, unmaps what is still mapped and closes the device. The host calls
    /// it after the driver stopped; later calls do nothing.
    public func shutDown() {
        let taken = state.withLock { state -> (configured: (msix: Bool, vectors: Int)?, fds: [Int32], dma: [UInt64: UInt64])? in
            guard !state.isShutDown else { return nil }
            for reader in state.eventSources { reader.cancel() }
            defer {
                state.isShutDown = true
                state.configured = nil
                state.eventSources = []
                state.eventFDs = []
                state.sources = [:]
                for iova in state.dmaMappings.keys { state.dmaMappings[iova]?.deviceMapped = false }
            }
            return (state.configured, state.eventFDs, state.dmaMappings.filter(\.value.deviceMapped).mapValues(\.size))
        }
        guard let taken else { return }
        if let configured = taken.configured { device.disableInterrupts(msix: configured.msix) }
        interruptQueue.sync {}  // no handler is still reading an eventfd
        for fd in taken.fds { Glibc.close(fd) }
        // Buffers the driver still holds stay readable on the CPU side until it releases them.
        for (iova, size) in taken.dma { device.unmapDMA(iova: iova, size: size) }
        for bar in bars {
            for mapping in bar.mappings { munmap(mapping.base, Int(mapping.size)) }
        }
        device.close()
    }

    private static func allOnes(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }
}
#endif
