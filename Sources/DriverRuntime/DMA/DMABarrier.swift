import CVolatile

/// The ordering between the CPU's accesses to DMA memory and the device, as Linux's
/// `dma_wmb()` and `dma_rmb()` give it. Generated rings call them; a driver that fills DMA
/// memory by hand calls them the same way.
///
/// - x86: stores are seen in order and loads are done in order (TSO); only the compiler must
///   not move accesses across, which an empty `asm` with a memory clobber ensures.
/// - ARM: `dmb oshst` (writes) and `dmb oshld` (reads; `dmb osh` on 32-bit ARM), over the outer
///   shareable domain, where devices are.
/// - RISC-V: `fence w,w` and `fence r,r`.
public enum DMABarrier {
    /// Everything written to DMA memory before reaches the device before anything written
    /// after: call it between filling a queue entry and writing the doorbell.
    @inlinable @inline(__always)
    public static func beforeDoorbell() {
        drivergen_dma_write_barrier()
    }

    /// Nothing read from DMA memory after is older than what was read before: call it between
    /// reading an entry's phase tag or done bit and reading its other fields.
    @inlinable @inline(__always)
    public static func afterReadyCheck() {
        drivergen_dma_read_barrier()
    }
}
