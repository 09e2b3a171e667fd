// Created by drivergen from nrf51.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import RegisterCore
import FirmwareSupport

/// The handler of each of NRF51's interrupt lines: the vector table calls these.
/// Enable a line in the peripheral (its interrupt-enable register) and in the NVIC.
extension NRF51.InterruptHandlers {
    /// `POWER_CLOCK`, interrupt 0.
    public static func powerClock() {}

    /// `RADIO`, interrupt 1.
    public static func radio() {}

    /// `UART0`, interrupt 2.
    public static func uart0() {}

    /// `SPI0_TWI0`, interrupt 3.
    public static func spi0Twi0() {}

    /// `SPI1_TWI1`, interrupt 4.
    public static func spi1Twi1() {}

    /// `GPIOTE`, interrupt 6.
    public static func gpiote() {}

    /// `ADC`, interrupt 7.
    public static func adc() {}

    /// `TIMER0`, interrupt 8.
    public static func timer0() {
        NRF51.timer0.eventsCompare[0].write { $0.value = 0 }
        NRF51.timer0.tasksStop.write { $0.value = 1 }
        support_note_interrupt()
    }

    /// `TIMER1`, interrupt 9.
    public static func timer1() {}

    /// `TIMER2`, interrupt 10.
    public static func timer2() {}

    /// `RTC0`, interrupt 11.
    public static func rtc0() {}

    /// `TEMP`, interrupt 12.
    public static func temp() {}

    /// `RNG`, interrupt 13.
    public static func rng() {}

    /// `ECB`, interrupt 14.
    public static func ecb() {}

    /// `CCM_AAR`, interrupt 15.
    public static func ccmAar() {}

    /// `WDT`, interrupt 16.
    public static func wdt() {}

    /// `RTC1`, interrupt 17.
    public static func rtc1() {}

    /// `QDEC`, interrupt 18.
    public static func qdec() {}

    /// `LPCOMP`, interrupt 19.
    public static func lpcomp() {}

    /// `SWI0`, interrupt 20.
    public static func swi0() {}

    /// `SWI1`, interrupt 21.
    public static func swi1() {}

    /// `SWI2`, interrupt 22.
    public static func swi2() {}

    /// `SWI3`, interrupt 23.
    public static func swi3() {}

    /// `SWI4`, interrupt 24.
    public static func swi4() {}

    /// `SWI5`, interrupt 25.
    public static func swi5() {}
}
