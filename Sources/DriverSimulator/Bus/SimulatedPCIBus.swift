import DriverRuntime
import Locking

/// The system side of a simulation: drivers register with their personalities; attaching a
/// device matches it as IOKit would, instantiates the winning driver and starts it; detaching,
/// surprise removal and pause go through here too.
public final class SimulatedPCIBus: Sendable {
    private let catalog = Locked(DriverCatalog())
    private struct Attachments {
        var all: [DriverAttachment] = []
        /// Devices whose attach is under way.
        var attaching: Set<ObjectIdentifier> = []
    }

    private let attachments = Locked(Attachments())

    public init() {}

    /// Makes a driver type available for matching with its personalities.
    public func register(_ type: any PCIDriver.Type, personalities: [Personality]) {
        catalog.withLock { $0.register(type, personalities: personalities) }
    }

    /// Matches `device` (tunnelled over Thunderbolt unless told otherwise), instantiates the
    /// driver with the best probe score and starts it. Throws with every personality's reason
    /// when none matches, or the driver's error when start fails (start has then undone itself).
    @discardableResult
    public func attach(_ device: SimulatedPCIDevice, tunnelled: Bool = true) async throws(SimulationError) -> DriverAttachment {
        let busy: String? = attachments.withLock { state in
            if let current = state.all.first(where: { $0.device === device && !$0.isStopped }) { return "\(type(of: current.driver))" }
            if state.attaching.contains(ObjectIdentifier(device)) { return "a driver being attached" }
            state.attaching.insert(ObjectIdentifier(device))
            return nil
        }
        if let busy { throw .deviceAlreadyAttached(driver: busy) }
        defer { attachments.withLock { _ = $0.attaching.remove(ObjectIdentifier(device)) } }
        let match: DriverCatalog.Match
        switch catalog.withLock({ $0 }).bestMatch(for: device.matchDevice(tunnelled: tunnelled)) {
        case .success(let winner): match = winner
        case .failure(let refusal): throw .noMatchingDriver(reasons: refusal.reasons)
        }
        let provider = SimulatedPCIProvider(device: device)
        let driver = match.type.init()
        let attachment = DriverAttachment(device: device, provider: provider, driver: driver, personality: match.personality)
        // Listed while it starts, so a simulation that drains or moves time meanwhile sees it.
        attachments.withLock { $0.all.append(attachment) }
        do {
            try await driver.start(provider: provider)
        } catch {
            attachment.markStopped()
            throw .startFailed(error)
        }
        return attachment
    }

    /// Every driver currently attached.
    public var attached: [DriverAttachment] { attachments.withLock { $0.all.filter { !$0.isStopped } } }

    /// The user unplugs the device the proper way: the driver is stopped while the device is
    /// still there.
    public func detach(_ attachment: DriverAttachment) async {
        await attachment.stop()
    }

    /// The device vanishes (cable pulled): reads return all ones at once; the system then stops
    /// the driver, as a real one does some time later. Returns once `stop` has run.
    public func surpriseRemove(_ attachment: DriverAttachment) async {
        attachment.device.surpriseRemove()
        await attachment.stop()
    }

    /// Pauses the device (Thunderbolt re-enumeration). A driver whose personality is not
    /// `IOPCIPauseCompatible` is stopped instead, as macOS terminates it.
    public func pause(_ attachment: DriverAttachment) async {
        guard attachment.personality.properties[PersonalityKey.pauseCompatible]?.boolValue == true else {
            attachment.device.trace.record(.note("\(attachment.personality.name) is not pause-compatible: stopped instead of paused"))
            await attachment.stop()
            return
        }
        await attachment.driver.pause()
        attachment.device.setPaused(true)
    }

    /// Resumes a paused device; MSI addresses move, as they may on real hardware.
    public func resume(_ attachment: DriverAttachment) async {
        attachment.device.setPaused(false)
        attachment.device.systemRelocateInterrupts()
        await attachment.driver.resume()
    }
}

/// A driver attached to a simulated device.
public final class DriverAttachment: Sendable {
    public let device: SimulatedPCIDevice
    public let provider: SimulatedPCIProvider
    public let driver: any PCIDriver
    /// The personality that won matching.
    public let personality: Personality
    private let stopped = Locked(false)

    init(device: SimulatedPCIDevice, provider: SimulatedPCIProvider, driver: any PCIDriver, personality: Personality) {
        self.device = device
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

    /// Runs the driver's stop (once) and returns when it is done; later calls return at once.
    func stop() async {
        guard markStopped(cancelSources: false) else { return }
        await driver.stop(provider: provider)
        provider.markStopped()
    }

    /// Records the driver stopped; true the first time.
    @discardableResult
    func markStopped(cancelSources: Bool = true) -> Bool {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first && cancelSources { provider.markStopped() }
        return first
    }

    /// Returns once everything queued for the driver so far (handlers, awaited work that
    /// resumed) has run.
    public func drain() async {
        await driver.queue.drain()
    }
}

/// Why a simulated attach failed.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// No registered personality matched; one reason per personality.
    case noMatchingDriver(reasons: [String])
    /// The driver's start threw.
    case startFailed(PCIError)
    /// The device already has a driver: IOKit gives a device one at a time.
    case deviceAlreadyAttached(driver: String)

    public var description: String {
        switch self {
        case .deviceAlreadyAttached(let driver):
            "the device already has a driver (\(driver)); detach it first: IOKit gives a device one driver at a time"
        case .noMatchingDriver(let reasons): "no driver matches the device: " + reasons.joined(separator: "; ")
        case .startFailed(let error): "the driver failed to start: \(error)"
        }
    }
}
