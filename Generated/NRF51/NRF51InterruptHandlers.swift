// Created by drivergen from nrf51.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import RegisterCore

/// The handler of each of NRF51's interrupt lines: the vector table calls these.
/// Enable a line in the peripheral (its interrupt-enable register) and in the NVIC.
extension NRF51.InterruptHandlers {
    /// `UART0`, interrupt 2.
    public static func uart0() {}

    /// `TIMER0`, interrupt 8.
    public static func timer0() {}
}
