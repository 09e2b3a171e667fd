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

#endif
