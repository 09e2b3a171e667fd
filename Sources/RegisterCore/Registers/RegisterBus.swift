/// Something registers can be read from and written to: MMIO through a pointer, a PCI
/// provider's memory index, a simulated device, a trace recorder.
///
/// Offsets are in bytes from the start of the register block (usually a BAR). Handles are
/// generic over the bus, so in release builds a typed access compiles to the bus's own
/// load or store.
public protocol RegisterBus {
    func read8(at offset: Int) -> UInt8
    func read16(at offset: Int) -> UInt16
    func read32(at offset: Int) -> UInt32
    func read64(at offset: Int) -> UInt64
    func write8(_ value: UInt8, at offset: Int)
    func write16(_ value: UInt16, at offset: Int)
    func write32(_ value: UInt32, at offset: Int)
    func write64(_ value: UInt64, at offset: Int)
}
