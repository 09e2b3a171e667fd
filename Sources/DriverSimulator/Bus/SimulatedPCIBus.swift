import DriverRuntime

/// The system side of a simulation: drivers register with their personalities; attaching a
/// device matches it as IOKit would, instantiates the winning driver and starts it on its
/// queue; detaching, surprise removal and pause go through here too.
public final class SimulatedPCIBus: Sendable {
    private let catalog = Locked(DriverCatalog())
    private struct Attachments {
        var all: [DriverAttachment] = []
        /// Devices whose attach is under way.
        var attaching: Set<ObjectIdentifier> = []
    }

    private let attachments = Locked(Attachments())

    public init() {}

    /// Makes a driver class available for matching with its personalities.
    public func register(_ type: PCIDriver.Type, personalities: [Personality]) {
        catalog.withLock { $0.register(type, personalities: personalities) }
    }

    /// Matches `device` (tunnelled over Thunderbolt unless told otherwise), instantiates the
    /// driver with the best probe score and starts it. Throws with every personality's reason
    /// when none matches, or the driver's error when start fails.
    @discardableResult
    public func attach(_ device: SimulatedPCIDevice, tunnelled: Bool = true) throws(SimulationError) -> DriverAttachment {
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
        var failure: PCIError?
        driver.queue.sync {
            do throws(PCIError) { try driver.start(provider: provider) } catch { failure = error }
        }
        if let failure {
            driver.queue.sync { driver.stop(provider: provider) }
            provider.markStopped()
            throw .startFailed(failure)
        }
        let attachment = DriverAttachment(device: device, provider: provider, driver: driver, personality: match.personality)
        attachments.withLock { $0.all.append(attachment) }
        return attachment
    }

    /// Every driver currently attached.
    public var attached: [DriverAttachment] { attachments.withLock { $0.all.filter { !$0.isStopped } } }

    /// The user unplugs the device the proper way: the driver is stopped while the device is
    /// still there.
    public func detach(_ attachment: DriverAttachment) {
        attachment.stop()
    }

    /// The device vanishes (cable pulled): reads return all ones at once; the system then
    /// delivers `stop` on the driver's queue, as a real one does some time later.
    public func surpriseRemove(_ attachment: DriverAttachment) {
        attachment.device.surpriseRemove()
        attachment.driver.queue.async { attachment.stopOnQueue() }
    }

    /// Pauses the device (Thunderbolt re-enumeration). A driver whose personality is not
    /// `IOPCIPauseCompatible` is stopped instead, as macOS terminates it.
    public func pause(_ attachment: DriverAttachment) {
        guard attachment.personality.properties[PersonalityKey.pauseCompatible]?.boolValue == true else {
            attachment.device.trace.record(.note("\(attachment.personality.name) is not pause-compatible: stopped instead of paused"))
            attachment.stop()
            return
        }
        attachment.onQueue { attachment.driver.pause() }
        attachment.device.setPaused(true)
    }

    /// Resumes a paused device; MSI addresses move, as they may on real hardware.
    public func resume(_ attachment: DriverAttachment) {
        attachment.device.setPaused(false)
        attachment.device.systemRelocateInterrupts()
        attachment.onQueue { attachment.driver.resume() }
    }
}

/// A driver attached to a simulated device.
public final class DriverAttachment: Sendable {
    public let device: SimulatedPCIDevice
    public let provider: SimulatedPCIProvider
    public let driver: PCIDriver
    /// The personality that won matching.
    public let personality: Personality
    private let stopped = Locked(false)

    init(device: SimulatedPCIDevice, provider: SimulatedPCIProvider, driver: PCIDriver, personality: Personality) {
        self.device = device
        self.provider = provider
        self.driver = driver
        self.personality = personality
    }

    /// The driver as its concrete class.
    public func driver<Driver: PCIDriver>(as type: Driver.Type) -> Driver {
        guard let driver = driver as? Driver else { preconditionFailure("the attached driver is a \(Swift.type(of: driver)), not a \(type)") }
        return driver
    }

    public var isStopped: Bool { stopped.withLock { $0 } }

    /// Stops the driver on its queue (once) and waits for it.
    func stop() {
        onQueue { stopOnQueue() }
    }

    /// Runs `body` on the driver's queue and waits for it; when the caller already is on that
    /// queue, runs it right away.
    func onQueue(_ body: () -> Void) {
        if driver.isOnQueue { body() } else { driver.queue.sync(execute: body) }
    }

    /// Runs stop, on the driver's queue; later calls do nothing.
    func stopOnQueue() {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        driver.stop(provider: provider)
        provider.markStopped()
    }

    /// Waits until everything queued for the driver so far (handlers, a stop) has run.
    ///
    /// Called on the driver's own queue it cannot wait (what is queued runs only after the
    /// current work item), so it records a violation that says what to call instead.
    public func drain() {
        guard !driver.isOnQueue else {
            device.trace.record(.violation(
                "drain() was called on \(type(of: driver))'s own queue, where it cannot wait for the queue; "
                    + "call it from the test, and in driver code use sleep(for:) or wait(for:timeout:until:)"))
            return
        }
        driver.queue.sync {}
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
