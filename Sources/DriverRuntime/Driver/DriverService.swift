/// What the runtime keeps for one driver, as an `IOService` keeps its instance state: the
/// provider between start and stop, the service's properties, whether the device is gone or
/// paused, the mapped BARs, the interrupt sources, timers, and the waits in progress.
///
/// A driver stores one (`public let service = DriverService()`); being a class that is not
/// `Sendable`, it stays isolated to the driver. Read it through the driver's properties
/// (`provider`, `isDeviceGone`, ...). Its lifecycle methods are for the generated `start` and
/// `stop`, which call them in PCIDriverKit's order.
public final class DriverService {
    /// The provider between `start` and `stop`.
    public internal(set) var provider: (any PCIDeviceProvider)?
    /// Properties the driver set on its service.
    public private(set) var properties: [String: PropertyValue] = [:]
    /// Set once the device answered with all ones, or stop came while it was gone.
    public internal(set) var isDeviceGone = false
    /// Whether `registerService()` was called since start.
    public internal(set) var isRegistered = false
    /// Between `pause()` and `resume()`: the driver must not touch the device.
    public internal(set) var isPaused = false
    /// Whether start configured interrupts: false before start, after stop, and for a device
    /// whose interrupts the spec marks optional when it offered none.
    public private(set) var interruptsConfigured = false
    /// One interrupt dispatch source per vector, from `start` to `stop`.
    public private(set) var interruptSources: [InterruptDispatchSource] = []
    /// Whether the driver holds the device's session.
    public private(set) var isOpen = false

    private weak var client: AnyObject?
    // Read on every register access: inlinable where generated code calls it.
    @usableFromInline var memoryBuses: [ProviderMemoryBus?] = Array(repeating: nil, count: 6)
    private var timers: [TimerDispatchSource] = []
    private var waits: [UInt64: PendingWait] = [:]
    private var lastWaitID: UInt64 = 0

    public init() {}

    // MARK: Start, in PCIDriverKit's order

    /// Start's first step: records the provider and reports the driver started.
    public func begin(provider: any PCIDeviceProvider, client: AnyObject) throws(PCIError) {
        guard self.provider == nil else { throw .driverFailed("start called on a driver that is already running") }
        self.provider = provider
        self.client = client
        isDeviceGone = false
        isPaused = false
        provider.serviceEvent(.started, from: client)
    }

    /// Opens the device's session and turns Memory Space and Bus Master on (there is no
    /// setter: read-modify-write the command register, every time the device is configured).
    public func openDevice() throws(PCIError) {
        let (provider, client) = try running()
        try provider.open(for: client)
        isOpen = true
        let command = provider.configurationRead16(at: PCIConfiguration.command)
        provider.configurationWrite16(
            command | PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable, at: PCIConfiguration.command)
    }

    /// Maps BAR `index`: its memory index (`GetBARInfo`), through which its bus reaches it.
    public func mapBAR(_ index: Int) throws(PCIError) {
        let (provider, _) = try running()
        guard memoryBuses.indices.contains(index) else { throw .noSuchBAR(index) }
        let info = try provider.barInfo(barIndex: UInt8(index))
        memoryBuses[index] = ProviderMemoryBus(provider: provider, memoryIndex: info.memoryIndex)
    }

    /// The bus of a mapped BAR; valid from `start` to `stop`.
    @inlinable
    public func memoryBus(bar index: Int) -> ProviderMemoryBus {
        guard memoryBuses.indices.contains(index), let bus = memoryBuses[index] else {
            preconditionFailure("BAR \(index) used before start or after stop")
        }
        return bus
    }

    /// Configuration space through the provider; valid from `start` to `stop`.
    @inlinable
    public var configurationBus: ProviderConfigurationBus {
        guard let provider else { preconditionFailure("configuration space used before start or after stop") }
        return ProviderConfigurationBus(provider: provider)
    }

    /// Chooses MSI or MSI-X with `vectors` vectors (`ConfigureInterrupts`). When `optional`, a
    /// device that offers none is not an error: the result is false and the driver runs without.
    public func configureInterrupts(_ type: InterruptType, vectors: Int, optional: Bool) throws(PCIError) -> Bool {
        let (provider, _) = try running()
        do {
            try provider.configureInterrupts(type, required: vectors, requested: vectors)
        } catch .unsupportedInterrupts(let reason) {
            if optional { return false }
            throw .unsupportedInterrupts(reason)
        }
        interruptsConfigured = true
        return true
    }

    /// Creates the dispatch source of `vector` on `driver`'s queue; `handler` runs isolated to
    /// the driver for each (coalesced) delivery.
    public func addInterruptSource<Driver: PCIDriver>(
        vector: Int, of driver: Driver, handler: @escaping @Sendable (isolated Driver, UInt64, DriverInstant) -> Void
    ) throws(PCIError) {
        let (provider, _) = try running()
        let source = try InterruptDispatchSource(provider: provider, index: vector, queue: driver.queue) { [weak driver] count, time in
            driver?.assumeIsolated { handler($0, count, time) }
        }
        interruptSources.append(source)
    }

    /// Enables every interrupt source (`SetEnableWithCompletion(true)`).
    public func enableInterruptSources() {
        for source in interruptSources { source.setEnabled(true) }
    }

    // MARK: Stop

    /// What stop undoes, in reverse order of start, and always finishes: interrupt sources
    /// disabled and cancelled, pending waits failed with `.noDevice`, timers cancelled, Memory
    /// Space and Bus Master cleared (when the device is there), the session closed, BARs unmapped.
    public func tearDown() {
        for source in interruptSources.reversed() {
            source.setEnabled(false)
            source.cancel()
        }
        interruptSources.removeAll()
        interruptsConfigured = false
        failWaits(.noDevice)
        for timer in timers { timer.cancel() }
        timers.removeAll()
        if isOpen, let provider {
            if !isDeviceGone && !isPaused {
                let command = provider.configurationRead16(at: PCIConfiguration.command)
                provider.configurationWrite16(
                    command & ~(PCIConfiguration.memorySpaceEnable | PCIConfiguration.busMasterEnable), at: PCIConfiguration.command)
            }
            if let client { provider.close(for: client) }
            isOpen = false
        }
        memoryBuses = Array(repeating: nil, count: memoryBuses.count)
    }

    /// Stop's last step: reports the driver stopped and lets go of the provider.
    public func end() {
        if let provider, let client { provider.serviceEvent(.stopped, from: client) }
        isRegistered = false
        provider = nil
    }

    // MARK: For the driver's own API

    func setProperty(_ key: String, _ value: PropertyValue) {
        properties[key] = value
        if let client { provider?.serviceEvent(.propertySet(key: key, value: value), from: client) }
    }

    func registerService() {
        isRegistered = true
        if let client { provider?.serviceEvent(.registered, from: client) }
    }

    func addTimer(_ timer: TimerDispatchSource) {
        timers.append(timer)
    }

    private func running() throws(PCIError) -> (any PCIDeviceProvider, AnyObject) {
        guard let provider, let client else { throw .noDevice }
        return (provider, client)
    }

    // MARK: Waits in progress

    /// A wait the service can end: with an error (stop, device gone) or at its deadline.
    struct PendingWait {
        let fail: (PCIError) -> Void
        let expire: () -> Void
    }

    func addWait(_ wait: PendingWait) -> UInt64 {
        lastWaitID += 1
        waits[lastWaitID] = wait
        return lastWaitID
    }

    func removeWait(_ id: UInt64) {
        waits[id] = nil
    }

    /// The deadline of wait `id` passed (if it is still waiting).
    func expireWait(_ id: UInt64) {
        waits.removeValue(forKey: id)?.expire()
    }

    /// Ends every wait with `error`, oldest first.
    func failWaits(_ error: PCIError) {
        let pending = waits.sorted { $0.key < $1.key }.map(\.value)
        waits.removeAll()
        for wait in pending { wait.fail(error) }
    }
}
