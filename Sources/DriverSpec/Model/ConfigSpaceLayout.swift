/// Where DriverGen places the interrupt capability in configuration space.
///
/// The driver finds the capability through the capability list, so its place is not part of
/// the spec; it takes the first free 16-byte-aligned slot after the standard header that no
/// device-specific config register uses. Code generation records the result for the simulator.
public enum ConfigSpaceLayout {
    /// The first byte after the standard type-0 header.
    public static let deviceSpecificStart: UInt64 = 0x40
    /// The end of PCI Express extended configuration space.
    public static let end: UInt64 = 0x1000
    /// Bytes reserved for the MSI (24 used) or MSI-X (12 used) capability.
    public static let capabilitySlotSize: UInt64 = 0x20

    /// The capability's offset, or nil when config registers leave no room.
    public static func capabilityOffset(for configRegisters: [RegisterSpec]) -> UInt64? {
        var candidate = deviceSpecificStart
        let occupied = configRegisters.map { ($0.offset, $0.offset + $0.span) }.sorted { $0.0 < $1.0 }
        while candidate + capabilitySlotSize <= 0x100 {
            let slotEnd = candidate + capabilitySlotSize
            if let blocking = occupied.first(where: { $0.0 < slotEnd && candidate < $0.1 }) {
                candidate = (blocking.1 + 0xF) & ~0xF
            } else {
                return candidate
            }
        }
        return nil
    }
}
