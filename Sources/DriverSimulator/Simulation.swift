import DriverRuntime

/// One simulated machine: a clock the test drives, a trace of everything, host memory for
/// DMA, and a PCI bus to attach devices to.
///
/// ```swift
/// let simulation = Simulation()
/// simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
/// let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
/// let edu = try simulation.bus.attach(device).driver(as: EduDriver.self)
/// simulation.advance(by: .milliseconds(1))
/// ```
public final class Simulation: Sendable {
    public let clock = SimulationClock()
    public let trace: SimulationTrace
    public let hostMemory = HostMemory()
    public let bus = SimulatedPCIBus()

    public init() {
        trace = SimulationTrace(clock: clock)
    }

    /// A device built from a generated layout, with optional behaviour.
    public func makeDevice(_ layout: DeviceLayout, deviceID: UInt16? = nil, model: (any DeviceModel)? = nil) -> SimulatedPCIDevice {
        SimulatedPCIDevice(layout: layout, deviceID: deviceID, model: model, clock: clock, trace: trace, hostMemory: hostMemory)
    }

    /// Moves virtual time forward (running device work that falls due), then lets every
    /// attached driver handle what that caused.
    ///
    /// Driver code may call it too (a driver's own `sleep(for:)` is the better fit): then the
    /// calling driver's queue is not waited for, since what is queued behind the running work
    /// item can only run after it returns.
    public func advance(by duration: Duration) {
        clock.advance(by: duration)
        drain()
    }

    /// Waits until every attached driver has handled everything queued for it (except the
    /// driver whose queue the caller is running on, if any).
    public func drain() {
        let caller = PCIDriver.driverOnCurrentQueue
        for _ in 0..<2 {
            for attachment in bus.attached where ObjectIdentifier(attachment.driver) != caller { attachment.drain() }
        }
    }
}
