/// A driver for a PCI function: an actor on its own serial queue, shaped like a DriverKit
/// `IOService` subclass.
///
/// `start`, `stop`, interrupt and timer handlers all run isolated to the driver, on its queue,
/// one at a time, as DriverKit runs them on the driver's default queue; the compiler checks
/// that nothing else touches the driver's state. Code outside calls driver methods with
/// `await`. A driver can `await` what its interrupt handlers deliver (`completion(of:in:timeout:)`)
/// and `sleep(for:)`; while it is suspended, its handlers run.
///
/// You do not conform to `PCIDriver` directly: `drivergen` generates a protocol per device
/// (`EduDriverBase`) whose extension implements `start` and `stop` (open, BARs, interrupts,
/// dispatch to one handler per interrupt source) and whose requirements are the handlers, so
/// a handler left out is a compile error. Your driver is an actor conforming to it:
///
/// ```swift
/// public actor FactorialLogger: EduDriverBase {
///     public nonisolated let queue = DriverQueue(label: "FactorialLogger")
///     public let service = DriverService()
///     public private(set) var results: [UInt32] = []
///     public init() {}
///
///     public func handleFactorialInterrupt(count: UInt64, time: DriverInstant) {
///         results.append(mmio.factorial.read().value)
///     }
///
///     public func handleDmaInterrupt(count: UInt64, time: DriverInstant) {}
/// }
/// ```
///
/// Your own set-up and tear-down go in the hooks `didStart()` and `willStop()`; `willPause()`,
/// `didResume()` and `deviceDidDisappear()` tell you of the other events. Each has a default
/// that does nothing.
public protocol PCIDriver: Actor {
    init()

    /// The driver's serial queue: the actor's executor, where its handlers run too.
    nonisolated var queue: DriverQueue { get }

    /// What the runtime keeps for the driver: provider, properties, mapped BARs, interrupt
    /// sources, waits in progress. Store one per driver: `public let service = DriverService()`.
    var service: DriverService { get }

    /// Starts the driver on `provider`, in PCIDriverKit's order; the generated base implements it.
    /// Hosts call it (the simulator's bus, `VFIOHost`); a failed start undoes what it did.
    func start(provider: any PCIDeviceProvider) async throws(PCIError)

    /// Stops the driver: undoes `start` in reverse and always finishes; the generated base
    /// implements it. Hosts call it.
    func stop(provider: any PCIDeviceProvider) async

    /// Runs at the end of `start`, once the device is open, its BARs mapped and its interrupts
    /// connected, before the service is registered: set your device up here. Throwing makes
    /// start fail (and undo what it did).
    func didStart() async throws(PCIError)

    /// Runs first in `stop`, while the BARs are still mapped: quiesce the device and release
    /// what you allocated. Awaited completions still pending fail with `.noDevice` after it.
    func willStop() async

    /// The system is about to pause the device (Thunderbolt re-enumeration): from now until
    /// `didResume()` make no MMIO, configuration access or DMA.
    func willPause()

    /// The device is back after a pause. BAR addresses and MSI address and data may have
    /// changed; mappings through the provider stay valid.
    func didResume()

    /// A read returned all ones (`checkPresence`): the device is gone. Awaited completions
    /// fail with `.noDevice` after it.
    func deviceDidDisappear()
}

extension PCIDriver {
    /// The driver's queue is its executor.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { queue.asUnownedSerialExecutor() }

    public func didStart() async throws(PCIError) {}
    public func willStop() async {}
    public func willPause() {}
    public func didResume() {}
    public func deviceDidDisappear() {}
}
