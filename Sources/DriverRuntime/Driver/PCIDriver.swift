import Dispatch

/// The base of every generated driver: a DriverKit-shaped service with a serial queue,
/// start and stop, service properties and the "device gone" state.
///
/// Like a dext's `IOService`, a driver's state belongs to its queue: `start`, `stop` and
/// interrupt handlers all run there, one at a time. That is why the class can be
/// `@unchecked Sendable`: the queue, not the type system, serialises access.
open class PCIDriver: @unchecked Sendable {
    /// The driver's default queue: start, stop and interrupt handlers run on it.
    public let queue: DispatchQueue
    /// The provider between `start` and `stop`.
    public private(set) var provider: (any PCIDeviceProvider)?
    /// Properties the driver set on its service.
    public private(set) var properties: [String: PropertyValue] = [:]
    /// Set once the device answered with all ones, or stop came while it was gone.
    public private(set) var isDeviceGone = false
    /// Whether `registerService()` was called since start.
    public private(set) var isRegistered = false
    /// Between `pause()` and `resume()`: the driver must not touch the device.
    public private(set) var isPaused = false

    public required init() {
        queue = DispatchQueue(label: "\(Self.self).default-queue")
        queue.setSpecific(key: Self.queueOwnerKey, value: ObjectIdentifier(self))
    }

    private static let queueOwnerKey = DispatchSpecificKey<ObjectIdentifier>()

    /// The driver whose queue the calling code is running on, if any: hosts use it to refuse
    /// (with a clear message) calls that would wait for the caller's own queue.
    public static var driverOnCurrentQueue: ObjectIdentifier? { DispatchQueue.getSpecific(key: queueOwnerKey) }

    /// Whether the calling code is running on this driver's queue.
    public var isOnQueue: Bool { Self.driverOnCurrentQueue == ObjectIdentifier(self) }

    /// Starts the driver on `provider`. Subclasses call super first.
    open func start(provider: any PCIDeviceProvider) throws(PCIError) {
        self.provider = provider
        isDeviceGone = false
        provider.serviceEvent(.started, from: self)
    }

    /// Stops the driver. Subclasses undo what start did, then always call super last.
    open func stop(provider: any PCIDeviceProvider) {
        provider.serviceEvent(.stopped, from: self)
        isRegistered = false
        self.provider = nil
    }

    /// Sets a property on the driver's service (`SetProperties`).
    public func setProperty(_ key: String, _ value: PropertyValue) {
        properties[key] = value
        provider?.serviceEvent(.propertySet(key: key, value: value), from: self)
    }

    /// Makes the service visible to clients (`RegisterService`).
    public func registerService() {
        isRegistered = true
        provider?.serviceEvent(.registered, from: self)
    }

    /// Records that the device is gone; later device accesses are pointless. Subclasses that
    /// override it call super.
    open func deviceGone() {
        isDeviceGone = true
    }

    /// Checks a value read from the device: all ones means the device is gone.
    @discardableResult
    public func checkPresence<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value) -> Bool {
        if value == Value.max {
            if !isDeviceGone { deviceGone() }
            return false
        }
        return true
    }

    /// The system is about to pause the device (Thunderbolt re-enumeration): from now until
    /// `resume()` the driver makes no MMIO, configuration access or DMA.
    open func pause() {
        isPaused = true
    }

    /// The device is back. BAR addresses and MSI address and data may have changed; mappings
    /// through the provider stay valid.
    open func resume() {
        isPaused = false
    }
}
