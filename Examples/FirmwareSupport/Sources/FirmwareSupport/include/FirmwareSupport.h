#pragma once
#include <stdint.h>

/// Ends the run under QEMU (Arm semihosting SYS_EXIT): status 0 is success.
void support_exit(int status);

/// Interrupt bookkeeping the main loop can wait on: a volatile count the handlers raise.
void support_note_interrupt(void);
uint32_t support_interrupt_count(void);
/// Spins until a handler has noted an interrupt, at most `spins` times; whether one came.
_Bool support_wait_for_interrupt(uint32_t spins);
/// A byte a handler received, kept for the main loop.
void support_note_byte(uint32_t byte);
uint32_t support_last_byte(void);

/// Cortex-M core registers the chip's SVD does not describe: the NVIC's set-enable register.
void support_enable_interrupt(uint32_t number);

/// One volatile 32-bit load or store: what hand-written register code uses (the firmware size
/// benchmark's baseline); generated code goes through the register core's PointerBus.
static inline uint32_t support_load32(const volatile uint32_t *address) { return *address; }
static inline void support_store32(volatile uint32_t *address, uint32_t value) { *address = value; }
