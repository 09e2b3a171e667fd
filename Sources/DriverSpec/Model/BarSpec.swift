/// The memory type of a BAR. I/O BARs are refused: Apple silicon has no I/O space.
public enum BarKind: String, Sendable, CaseIterable {
    case mem32
    case mem64

    /// How many of the six BAR slots it occupies.
    public var slots: Int { self == .mem64 ? 2 : 1 }
}

/// A memory BAR and the registers inside it; in a microcontroller spec, a peripheral at its
/// base address (`address`), its `index` its place in the spec.
public struct BarSpec: Sendable {
    /// The BAR number, 0...5.
    public var index: Int
    public var name: String
    public var kind: BarKind
    public var prefetchable: Bool
    /// Size in bytes: a power of two for a BAR.
    public var size: UInt64
    public var description: String?
    public var registers: [RegisterSpec]
    /// A microcontroller peripheral's base address; nil for a PCI BAR.
    public var address: UInt64?
    /// The peripheral this one repeats at another address (SVD's `derivedFrom`): its registers
    /// are copies of that one's.
    public var derivedFrom: String?
    public var source: SourceMap

    public init(
        index: Int, name: String, kind: BarKind, prefetchable: Bool, size: UInt64,
        description: String?, registers: [RegisterSpec], address: UInt64? = nil, derivedFrom: String? = nil, source: SourceMap
    ) {
        self.address = address
        self.derivedFrom = derivedFrom
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
