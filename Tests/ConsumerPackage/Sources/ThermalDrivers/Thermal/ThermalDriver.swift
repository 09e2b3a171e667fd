// Created by drivergen from thermal.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// Thunderbolt thermal sensor
///
/// The driver: records the temperature at each alarm. Call its methods on `queue`.
public final class ThermalDriver: ThermalDriverBase, @unchecked Sendable {
    /// Temperatures, in °C, at which the alarm fired.
    public private(set) var alarms: [Double] = []

    /// Sets the alarm threshold.
    public func setThreshold(celsius: Double) {
        sensor.threshold.write { $0.sixteenths = UInt32(celsius * 16) }
    }

    /// The temperature crossed the alarm threshold.
    public override func handleAlarmInterrupt(count: UInt64, time: UInt64) {
        let temperature = sensor.temperature.read()
        guard checkPresence(temperature.rawValue) else { return }
        alarms.append(Double(temperature.sixteenths) / 16)
    }
}
