// Created by drivergen from thermal.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// Thunderbolt thermal sensor
///
/// The driver: records the temperature at each alarm, and lets code await the next one.
/// Call its methods with `await`.
public actor ThermalDriver: ThermalDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "ThermalDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// Temperatures, in °C, at which the alarm fired.
    public private(set) var alarms: [Double] = []
    /// The temperature of the next alarm, for whoever awaits it.
    private let nextAlarm = Completions<Int, Double>()

    /// Sets the alarm threshold.
    public func setThreshold(celsius: Double) {
        sensor.threshold.write { $0.sixteenths = UInt32(celsius * 16) }
    }

    /// Awaits the next alarm and returns its temperature, or throws `.timedOut`.
    public func awaitAlarm(timeout: Duration) async throws(PCIError) -> Double {
        try await completion(of: alarms.count, in: nextAlarm, timeout: timeout)
    }

    /// The temperature crossed the alarm threshold.
    public func handleAlarmInterrupt(count: UInt64, time: DriverInstant) {
        let temperature = sensor.temperature.read()
        guard checkPresence(temperature.rawValue) else { return }
        let celsius = Double(temperature.sixteenths) / 16
        if nextAlarm.isAwaited(alarms.count) { nextAlarm.complete(alarms.count, with: celsius) }
        alarms.append(celsius)
    }
}
