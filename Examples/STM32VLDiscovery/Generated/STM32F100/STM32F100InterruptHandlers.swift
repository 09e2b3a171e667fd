// Created by drivergen from stm32f100.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import FirmwareSupport
import RegisterCore

/// The handler of each of STM32F100's interrupt lines: the vector table calls these.
/// Enable a line in the peripheral (its interrupt-enable register) and in the NVIC.
extension STM32F100.InterruptHandlers {
    /// Window Watchdog interrupt
    ///
    /// `WWDG`, interrupt 0.
    public static func wwdg() {}

    /// PVD through EXTI line detection interrupt
    ///
    /// `PVD`, interrupt 1.
    public static func pvd() {}

    /// Tamper and TimeStamp through EXTI line interrupts
    ///
    /// `TAMPER_STAMP`, interrupt 2.
    public static func tamperStamp() {}

    /// RTC Wakeup through EXTI line interrupt
    ///
    /// `RTC_WKUP`, interrupt 3.
    public static func rtcWkup() {}

    /// Flash global interrupt
    ///
    /// `FLASH`, interrupt 4.
    public static func flash() {}

    /// RCC global interrupt
    ///
    /// `RCC`, interrupt 5.
    public static func rcc() {}

    /// EXTI Line0 interrupt
    ///
    /// `EXTI0`, interrupt 6.
    public static func exti0() {}

    /// EXTI Line1 interrupt
    ///
    /// `EXTI1`, interrupt 7.
    public static func exti1() {}

    /// EXTI Line2 interrupt
    ///
    /// `EXTI2`, interrupt 8.
    public static func exti2() {}

    /// EXTI Line3 interrupt
    ///
    /// `EXTI3`, interrupt 9.
    public static func exti3() {}

    /// EXTI Line4 interrupt
    ///
    /// `EXTI4`, interrupt 10.
    public static func exti4() {}

    /// DMA1 Channel1 global interrupt
    ///
    /// `DMA1_Channel1`, interrupt 11.
    public static func dma1Channel1() {}

    /// DMA1 Channel2 global interrupt
    ///
    /// `DMA1_Channel2`, interrupt 12.
    public static func dma1Channel2() {}

    /// DMA1 Channel3 global interrupt
    ///
    /// `DMA1_Channel3`, interrupt 13.
    public static func dma1Channel3() {}

    /// DMA1 Channel4 global interrupt
    ///
    /// `DMA1_Channel4`, interrupt 14.
    public static func dma1Channel4() {}

    /// DMA1 Channel5 global interrupt
    ///
    /// `DMA1_Channel5`, interrupt 15.
    public static func dma1Channel5() {}

    /// DMA1 Channel6 global interrupt
    ///
    /// `DMA1_Channel6`, interrupt 16.
    public static func dma1Channel6() {}

    /// DMA1 Channel7 global interrupt
    ///
    /// `DMA1_Channel7`, interrupt 17.
    public static func dma1Channel7() {}

    /// ADC1 global interrupt
    ///
    /// `ADC`, interrupt 18.
    public static func adc() {}

    /// EXTI Line[9:5] interrupts
    ///
    /// `EXTI9_5`, interrupt 23.
    public static func exti95() {}

    /// TIM1 Break interrupt and TIM15 global interrupt
    ///
    /// `TIM1_BRK_TIM15`, interrupt 24.
    public static func tim1BrkTim15() {}

    /// TIM1 Update interrupt and TIM16 global interrupt
    ///
    /// `TIM1_UP_TIM16`, interrupt 25.
    public static func tim1UpTim16() {}

    /// TIM1 Trigger and Commutation interrupts and TIM17 global interrupt
    ///
    /// `TIM1_TRG_COM_TIM17`, interrupt 26.
    public static func tim1TrgComTim17() {}

    /// TIM1 Capture Compare interrupt
    ///
    /// `TIM1_CC`, interrupt 27.
    public static func tim1Cc() {}

    /// TIM2 global interrupt
    ///
    /// `TIM2`, interrupt 28.
    public static func tim2() {}

    /// TIM3 global interrupt
    ///
    /// `TIM3`, interrupt 29.
    public static func tim3() {}

    /// TIM4 global interrupt
    ///
    /// `TIM4`, interrupt 30.
    public static func tim4() {}

    /// I2C1 event interrupt
    ///
    /// `I2C1_EV`, interrupt 31.
    public static func i2c1Ev() {}

    /// I2C1 error interrupt
    ///
    /// `I2C1_ER`, interrupt 32.
    public static func i2c1Er() {}

    /// I2C2 event interrupt
    ///
    /// `I2C2_EV`, interrupt 33.
    public static func i2c2Ev() {}

    /// I2C2 error interrupt
    ///
    /// `I2C2_ER`, interrupt 34.
    public static func i2c2Er() {}

    /// SPI1 global interrupt
    ///
    /// `SPI1`, interrupt 35.
    public static func spi1() {}

    /// SPI2 global interrupt
    ///
    /// `SPI2`, interrupt 36.
    public static func spi2() {}

    /// USART1 global interrupt
    ///
    /// `USART1`, interrupt 37.
    public static func usart1() {
        // Reading DR takes the received byte and clears RXNE, which lowers the line.
        let received = STM32F100.usart1.dr.read()
        support_note_byte(received.dr)
        support_note_interrupt()
    }

    /// USART2 global interrupt
    ///
    /// `USART2`, interrupt 38.
    public static func usart2() {}

    /// USART3 global interrupt
    ///
    /// `USART3`, interrupt 39.
    public static func usart3() {}

    /// EXTI Line[15:10] interrupts
    ///
    /// `EXTI15_10`, interrupt 40.
    public static func exti1510() {}

    /// RTC Alarms through EXTI line interrupt
    ///
    /// `RTCAlarm`, interrupt 41.
    public static func rtcAlarm() {}

    /// CEC global interrupt
    ///
    /// `CEC`, interrupt 42.
    public static func cec() {}

    /// TIM12 global interrupt
    ///
    /// `TIM12`, interrupt 43.
    public static func tim12() {}

    /// TIM13 global interrupt
    ///
    /// `TIM13`, interrupt 44.
    public static func tim13() {}

    /// TIM14 global interrupt
    ///
    /// `TIM14`, interrupt 45.
    public static func tim14() {}

    /// FSMC global interrupt
    ///
    /// `FSMC`, interrupt 48.
    public static func fsmc() {}

    /// TIM5 global interrupt
    ///
    /// `TIM5`, interrupt 50.
    public static func tim5() {}

    /// SPI3 global interrupt
    ///
    /// `SPI3`, interrupt 51.
    public static func spi3() {}

    /// UART4 global interrupt
    ///
    /// `UART4`, interrupt 52.
    public static func uart4() {}

    /// UART5 global interrupt
    ///
    /// `UART5`, interrupt 53.
    public static func uart5() {}

    /// TIM6 global and DAC underrun interrupts
    ///
    /// `TIM6_DAC`, interrupt 54.
    public static func tim6Dac() {}

    /// TIM7 global interrupt
    ///
    /// `TIM7`, interrupt 55.
    public static func tim7() {}

    /// DMA2 Channel1 global interrupt
    ///
    /// `DMA2_Channel1`, interrupt 56.
    public static func dma2Channel1() {}

    /// DMA2 Channel2 global interrupt
    ///
    /// `DMA2_Channel2`, interrupt 57.
    public static func dma2Channel2() {}

    /// DMA2 Channel3 global interrupt
    ///
    /// `DMA2_Channel3`, interrupt 58.
    public static func dma2Channel3() {}

    /// DMA2 Channel4 and DMA2 Channel5 global interrupt
    ///
    /// `DMA2_Channel4_5`, interrupt 59.
    public static func dma2Channel45() {}
}
