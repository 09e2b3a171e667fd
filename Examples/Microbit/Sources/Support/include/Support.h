#pragma once
#include <stdint.h>

/// Ends the run under QEMU (Arm semihosting SYS_EXIT): status 0 is success.
void support_exit(int status);

/// Interrupt bookkeeping the main loop can wait on: a volatile count the handlers raise.
void support_note_interrupt(void);
uint32_t support_interrupt_count(void);

/// Cortex-M core registers the chip's SVD does not describe: the NVIC's set-enable register.
void support_enable_interrupt(uint32_t number);
