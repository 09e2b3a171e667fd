#ifndef DRIVERGEN_CVOLATILE_H
#define DRIVERGEN_CVOLATILE_H

#include <stdint.h>

// Volatile loads and stores for memory-mapped registers. Swift has no volatile accesses;
// these static inline functions are imported by the Clang importer and inlined, so each
// becomes exactly one load or store instruction that the optimizer may not remove or merge.

static inline uint8_t drivergen_volatile_load8(const volatile void *address) {
    return *(const volatile uint8_t *)address;
}
static inline uint16_t drivergen_volatile_load16(const volatile void *address) {
    return *(const volatile uint16_t *)address;
}
static inline uint32_t drivergen_volatile_load32(const volatile void *address) {
    return *(const volatile uint32_t *)address;
}
static inline uint64_t drivergen_volatile_load64(const volatile void *address) {
    return *(const volatile uint64_t *)address;
}

static inline void drivergen_volatile_store8(volatile void *address, uint8_t value) {
    *(volatile uint8_t *)address = value;
}
static inline void drivergen_volatile_store16(volatile void *address, uint16_t value) {
    *(volatile uint16_t *)address = value;
}
static inline void drivergen_volatile_store32(volatile void *address, uint32_t value) {
    *(volatile uint32_t *)address = value;
}
static inline void drivergen_volatile_store64(volatile void *address, uint64_t value) {
    *(volatile uint64_t *)address = value;
}

// Ordering between the CPU's accesses to DMA memory and the device, as Linux's dma_wmb() and
// dma_rmb() give it. `drivergen_dma_write_barrier`: DMA memory written before it (a queue entry)
// is visible to the device before any store after it (the doorbell). `drivergen_dma_read_barrier`:
// a load after it (an entry's fields) does not see older data than the load before it (the phase
// tag or done bit). x86 keeps stores in order and loads in order (TSO), so only the compiler must
// not move accesses across: an empty asm with a memory clobber. ARM needs a data memory barrier
// over the outer shareable domain, where devices are; RISC-V a fence of the same kind.
static inline void drivergen_dma_write_barrier(void) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("" ::: "memory");
#elif defined(__aarch64__) || (defined(__ARM_ARCH) && __ARM_ARCH >= 7)
    __asm__ __volatile__("dmb oshst" ::: "memory");
#elif defined(__riscv)
    __asm__ __volatile__("fence w,w" ::: "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}
static inline void drivergen_dma_read_barrier(void) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("" ::: "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("dmb oshld" ::: "memory");
#elif defined(__ARM_ARCH) && __ARM_ARCH >= 7
    __asm__ __volatile__("dmb osh" ::: "memory");
#elif defined(__riscv)
    __asm__ __volatile__("fence r,r" ::: "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

#endif
