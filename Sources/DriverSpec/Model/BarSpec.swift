/// The memory type of a BAR. I/O BARs are refused: Apple silicon has no I/O space.
public enum BarKind: String, Sendable, CaseIterable {
    case mem32
    case mem64

    /// How many of the six BAR slots it occupies.
    public var slots: Int { self == .mem64 ? 2 : 1 }
}

/// A memory BAR and the registers inside it.
public struct BarSpec: Sendable {
    /// The BAR number, 0...5.
    public var index: Int
    public var name: String
    public var kind: BarKind
    public var prefetchable: Bool
    /// Size in bytes, a power of two.
    public var size: UInt64
    public var description: String?
    public var registers: [RegisterSpec]
    public var source: SourceMap

    public init(
        index: Int, name: String, kind: BarKind, prefetchable: Bool, size: UInt64,
        description: String?, registers: [RegisterSpec], source: SourceMap
    ) {
        self.index = index
        self.name = name
        self.kind = kind
        self.prefetchable = prefetchable
        self.size = size
        self.description = description
        self.registers = registers
        self.source = source
    }
}
