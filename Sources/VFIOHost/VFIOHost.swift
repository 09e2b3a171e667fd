#if os(Linux)
import DriverRuntime
import Locking

/// Runs generated drivers on real PCI functions through VFIO, as the system would: the
/// device's ids are matched against the registered personalities with the same matcher the
/// simulator uses, only a driver that matches is started, and detaching stops it and gives
/// everything back.
///
/// ```swift
/// let host = VFIOHost()
/// host.register(EduDriver.self, personalities: Edu.personalities)
/// let attachment = try await host.attach(PCIAddress("0000:00:03.0")!, bind: true)
/// let edu = attachment.driver(as: EduDriver.self)
/// print(try await edu.factorial(of: 10, timeout: .seconds(1)))
/// ```
public final class VFIOHost: Sendable {
    private let catalog = Locked(DriverCatalog())

    public init() {}

    /// Makes a driver class available for matching with its personalities.
    public func register(_ type: any PCIDriver.Type, personalities: [Personality]) {
        catalog.withLock { $0.register(type, personalities: personalities) }
    }

    /// Finds the first function with these ids (see `PCIFunction.find`), then attaches it as
    /// `attach(_:bind:tunnelled:)` does. A missing function is an `.open` error that lists the
    /// functions present.
    public func attach(
        vendor: UInt16, device: UInt16? = nil, classCode: UInt32? = nil, bind: Bool = false, tunnelled: Bool = false
    ) async throws(VFIOHostError) -> VFIOAttachment {
        let function: PCIFunction
        do { function = try PCIFunction.find(vendor: vendor, device: device, classCode: classCode) } catch { throw .open(error) }
        return try await attach(function.address, bind: bind, tunnelled: tunnelled)
    }

    /// Opens `address` (binding it to vfio-pci first when `bind` is true), matches it against
    /// the registered personalities (as a Thunderbolt-tunnelled device when `tunnelled`), and
    /// starts the winning driver (on its queue, as every driver method runs).
    public func attach(_ address: PCIAddress, bind: Bool = false, tunnelled: Bool = false) async throws(VFIOHostError) -> VFIOAttachment {
        let device: VFIODevice
        do { device = try VFIODevice(address: address, bind: bind) } catch { throw .open(error) }
        let provider = VFIOProvider(device: device)
        let identity = Self.matchDevice(provider, tunnelled: tunnelled)
        let match: DriverCatalog.Match
        switch catalog.withLock({ $0 }).bestMatch(for: identity) {
        case .success(let winner): match = winner
        case .failure(let refusal):
            provider.shutDown()
            throw .noMatchingDriver(refusal)
        }
        let driver = match.type.init()
        do {
            try await driver.start(provider: provider)
        } catch {
            // A failed start has undone what it did.
            provider.shutDown()
            throw .startFailed(error)
        }
        return VFIOAttachment(address: address, identity: identity, provider: provider, driver: driver, personality: match.personality)
    }

    /// The configuration registers matching compares, read from the device.
    static func matchDevice(_ provider: VFIOProvider, tunnelled: Bool) -> PCIMatchDevice {
        let ids = provider.configurationRead32(at: PCIConfiguration.vendorID)
        let classAndRevision = provider.configurationRead32(at: PCIConfiguration.revisionAndClass)
        let subsystem = provider.configurationRead32(at: PCIConfiguration.subsystemVendorID)
        return PCIMatchDevice(
            vendor: UInt16(truncatingIfNeeded: ids), device: UInt16(truncatingIfNeeded: ids >> 16),
            subsystemVendor: UInt16(truncatingIfNeeded: subsystem), subsystem: UInt16(truncatingIfNeeded: subsystem >> 16),
            classCode: classAndRevision >> 8, revision: UInt8(truncatingIfNeeded: classAndRevision), isTunnelled: tunnelled)
    }
}

/// A driver running on a real PCI function.
public final class VFIOAttachment: Sendable {
    public let address: PCIAddress
    /// The ids the device reported.
    public let identity: PCIMatchDevice
    public let provider: VFIOProvider
    public let driver: any PCIDriver
    /// The personality that won matching.
    public let personality: Personality
    private let stopped = Locked(false)

    init(address: PCIAddress, identity: PCIMatchDevice, provider: VFIOProvider, driver: any PCIDriver, personality: Personality) {
        self.address = address
        self.identity = identity
        self.provider = provider
        self.driver = driver
        self.personality = personality
    }

    /// The driver as its concrete type.
    public func driver<Driver: PCIDriver>(as type: Driver.Type) -> Driver {
        guard let driver = driver as? Driver else { preconditionFailure("the attached driver is a \(Swift.type(of: driver)), not a \(type)") }
        return driver
    }

    public var isStopped: Bool { stopped.withLock { $0 } }

    /// Stops the driver (`stopDriver()`), then turns the device's interrupts off, unmaps its
    /// DMA buffers and closes it. Closing hands the function back to vfio-pci, which restores
    /// the configuration the kernel saved when it was opened.
    public func detach() async {
        await stopDriver()
        provider.shutDown()
    }

    /// Stops the driver, once, leaving the device open.
    public func stopDriver() async {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        await driver.stop(provider: provider)
    }
}

/// Why attaching a driver to a real device failed.
public enum VFIOHostError: Error, Sendable, CustomStringConvertible {
    /// The device could not be opened through VFIO (the message says what to run).
    case open(VFIOError)
    /// No registered personality matched the device.
    case noMatchingDriver(NoMatchingDriver)
    /// The driver's start threw.
    case startFailed(PCIError)

    public var description: String {
        switch self {
        case .open(let error): "cannot open the device: \(error)"
        case .noMatchingDriver(let refusal): refusal.description
        case .startFailed(let error): "the driver failed to start: \(error)"
        }
    }
}
#endif
