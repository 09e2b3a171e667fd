import DriverRuntime

/// One simulated machine: a clock the test drives, a trace of everything, host memory for
/// DMA, and a PCI bus to attach devices to.
///
/// ```swift
/// let simulation = Simulation()
/// simulation.bus.register(EduDriver.self, personalities: Edu.personalities)
/// let device = simulation.makeDevice(Edu.layout, model: QEMUEduModel())
/// let edu = try await simulation.bus.attach(device).driver(as: EduDriver.self)
/// let factorial = try await edu.factorial(of: 10, timeout: .milliseconds(500))  // virtual time
/// assert(factorial == 3_628_800)
/// await simulation.advance(by: .milliseconds(1))
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
    public func advance(by duration: Duration) async {
        clock.advance(by: duration)
        await drain()
    }

    /// Returns once every attached driver has handled everything queued for it (twice over:
    /// a handler may resume awaiting code, which may queue more).
    public func drain() async {
        for _ in 0..<2 {
            for attachment in bus.attached { await attachment.drain() }
        }
    }
}
