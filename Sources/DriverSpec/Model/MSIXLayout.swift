/// Sizes and default placement of MSI-X structures (PCI Local Bus 3.0, section 6.8.2).
public enum MSIXLayout {
    /// 16 bytes per table entry.
    public static func tableSize(vectors: Int) -> UInt64 { UInt64(vectors) * 16 }

    /// One pending bit per vector, in 64-bit words.
    public static func pbaSize(vectors: Int) -> UInt64 { UInt64((vectors + 63) / 64) * 8 }

    /// The pending-bit array: where the spec puts it, or right after the table.
    public static func pba(of interrupts: InterruptConfiguration) -> MSIXStructureLocation? {
        if let pba = interrupts.msixPBA { return pba }
        guard let table = interrupts.msixTable else { return nil }
        return MSIXStructureLocation(bar: table.bar, offset: table.offset + tableSize(vectors: interrupts.vectors))
    }
}
