/// The PCI function a driver runs on, shaped like PCIDriverKit's `IOPCIDevice`: a simulated
/// device, or a real one (a VFIO-backed provider can implement the same calls on Linux).
///
/// As with `IOPCIDevice`, reads that fail (device gone, not open, bad offset) return all ones
/// rather than throwing; drivers treat an all-ones read as "device gone".
public protocol PCIDeviceProvider: AnyObject, Sendable {
    /// Opens an exclusive session for `client`.
    func open(for client: AnyObject) throws(PCIError)
    /// Ends `client`'s session; clears Memory Space and Bus Master Enable.
    func close(for client: AnyObject)

    func configurationRead8(at offset: UInt16) -> UInt8
    func configurationRead16(at offset: UInt16) -> UInt16
    func configurationRead32(at offset: UInt16) -> UInt32
    func configurationWrite8(_ value: UInt8, at offset: UInt16)
    func configurationWrite16(_ value: UInt16, at offset: UInt16)
    func configurationWrite32(_ value: UInt32, at offset: UInt16)

    func memoryRead8(memoryIndex: UInt8, offset: UInt64) -> UInt8
    func memoryRead16(memoryIndex: UInt8, offset: UInt64) -> UInt16
    func memoryRead32(memoryIndex: UInt8, offset: UInt64) -> UInt32
    func memoryRead64(memoryIndex: UInt8, offset: UInt64) -> UInt64
    func memoryWrite8(_ value: UInt8, memoryIndex: UInt8, offset: UInt64)
    func memoryWrite16(_ value: UInt16, memoryIndex: UInt8, offset: UInt64)
    func memoryWrite32(_ value: UInt32, memoryIndex: UInt8, offset: UInt64)
    func memoryWrite64(_ value: UInt64, memoryIndex: UInt8, offset: UInt64)

    /// Translates a BAR number to the memory index accesses use (`GetBARInfo`).
    func barInfo(barIndex: UInt8) throws(PCIError) -> BARInfo

    /// The offset of capability `id` after `searchOffset` (0: from the start), or nil.
    func findCapability(id: UInt8, after searchOffset: UInt32) -> UInt32?

    /// Chooses MSI or MSI-X for the device; the first call wins (`ConfigureInterrupts`).
    /// MSI counts round up to a power of two.
    func configureInterrupts(_ type: InterruptType, required: Int, requested: Int) throws(PCIError)

    /// Connects `source` to interrupt `index`: the provider calls `source.signal(time:)` for
    /// each interrupt on it.
    func attach(_ source: InterruptDispatchSource, index: Int) throws(PCIError)
    /// Disconnects `source`; no further signals reach it.
    func detach(_ source: InterruptDispatchSource, index: Int)

    /// The clock interrupt times are given in, and what `sleep`, timers and timeouts use: the
    /// monotonic clock on hardware, virtual time on the simulator.
    var clock: any DriverClock { get }

    /// Allocates memory the device can reach by DMA and maps it for the device
    /// (`IOBufferMemoryDescriptor::Create` + `IODMACommand::PrepareForDMA`), within the
    /// device's addressing limit.
    func allocateDMABuffer(length: Int, direction: DMADirection, specification: DMASpecification) throws(PCIError) -> DMABuffer

    /// Something a driver did to its service (a property set, registration, stop), reported so
    /// hosts can trace it beside the device accesses.
    func serviceEvent(_ event: ServiceEvent, from client: AnyObject)
}

extension PCIDeviceProvider {
    public func serviceEvent(_ event: ServiceEvent, from client: AnyObject) {}
}

/// What a driver did to its own service.
public enum ServiceEvent: Sendable, Equatable {
    case propertySet(key: String, value: PropertyValue)
    case registered
    case started
    case stopped
}
