/// MSI or MSI-X. Legacy INTx is not offered: DriverKit supports only MSI for PCI devices.
public enum InterruptKind: String, Sendable, CaseIterable {
    case msi
    case msix

    /// The most vectors the capability can carry.
    public var maximumVectors: Int { self == .msi ? 32 : 2048 }
}

/// How the device interrupts: MSI or MSI-X, how many vectors, and the named sources.
public struct InterruptConfiguration: Sendable {
    public var kind: InterruptKind
    public var vectors: Int
    public var sources: [InterruptSource]
    /// MSI only: the capability has per-vector mask and pending bits.
    public var perVectorMasking: Bool
    /// MSI only: the capability takes 64-bit message addresses.
    public var addresses64Bit: Bool
    /// The device may lack the capability (QEMU's ivshmem-plain has no MSI-X, ivshmem-doorbell
    /// has): the driver then starts without interrupts instead of failing.
    public var isOptional: Bool
    /// Where the MSI-X table lives; nil for MSI.
    public var msixTable: MSIXStructureLocation?
    /// Where the MSI-X pending-bit array lives; nil for MSI.
    public var msixPBA: MSIXStructureLocation?
    public var source: SourceMap

    public init(
        kind: InterruptKind, vectors: Int, sources: [InterruptSource], perVectorMasking: Bool, addresses64Bit: Bool,
        msixTable: MSIXStructureLocation?, msixPBA: MSIXStructureLocation?, isOptional: Bool = false, source: SourceMap
    ) {
        self.kind = kind
        self.vectors = vectors
        self.sources = sources
        self.perVectorMasking = perVectorMasking
        self.addresses64Bit = addresses64Bit
        self.msixTable = msixTable
        self.msixPBA = msixPBA
        self.isOptional = isOptional
        self.source = source
    }

    /// The sources routed to `vector`, in spec order.
    public func sources(onVector vector: Int) -> [InterruptSource] {
        sources.filter { $0.vector == vector }
    }
}

/// A BAR and offset holding an MSI-X table or pending-bit array.
public struct MSIXStructureLocation: Sendable, Equatable {
    public var bar: Int
    public var offset: UInt64

    public init(bar: Int, offset: UInt64) {
        self.bar = bar
        self.offset = offset
    }
}

/// One named cause of an interrupt, with the registers that report, acknowledge and enable it.
public struct InterruptSource: Sendable {
    public var name: String
    public var vector: Int
    /// The status bit(s) that say this source fired.
    public var status: FieldReference?
    /// What the driver writes to acknowledge it.
    public var acknowledge: FieldReference?
    /// The bit(s) that enable it: 1 enables.
    public var enable: FieldReference?
    /// The bit(s) that mask it: 1 masks (the other polarity of `enable`; at most one of them).
    public var mask: FieldReference?
    public var description: String?
    public var source: SourceMap

    public init(
        name: String, vector: Int, status: FieldReference?, acknowledge: FieldReference?,
        enable: FieldReference?, mask: FieldReference? = nil, description: String?, source: SourceMap
    ) {
        self.name = name
        self.vector = vector
        self.status = status
        self.acknowledge = acknowledge
        self.enable = enable
        self.mask = mask
        self.description = description
        self.source = source
    }
}

/// `register.field`, a whole `register`, or one bit of a field: `register.field[3]` (bit 3
/// counted from the field's lowest bit; NVMe's per-vector mask bits).
public struct FieldReference: Sendable, Hashable, CustomStringConvertible {
    public var register: String
    public var field: String?
    /// One bit of the field, counted from its lowest; nil for the whole field.
    public var bit: Int?

    public init(register: String, field: String?, bit: Int? = nil) {
        self.register = register
        self.field = field
        self.bit = bit
    }

    /// Parses `register`, `register.field` or `register.field[bit]`.
    public init?(parsing text: String) {
        var body = Substring(text)
        var bit: Int?
        if body.hasSuffix("]"), let open = body.lastIndex(of: "[") {
            guard let value = Int(body[body.index(after: open)..<body.index(before: body.endIndex)]), (0...63).contains(value) else { return nil }
            bit = value
            body = body[..<open]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }), bit == nil || parts.count == 2 else { return nil }
        register = String(parts[0])
        field = parts.count == 2 ? String(parts[1]) : nil
        self.bit = bit
    }

    public var description: String { (field.map { "\(register).\($0)" } ?? register) + (bit.map { "[\($0)]" } ?? "") }

    /// The bits named, in place in `register`.
    public func mask(in register: RegisterSpec) -> UInt64 {
        guard let field = field.flatMap(register.field(named:)) else { return register.widthMask }
        return bit.map { 1 << UInt64(field.bits.lsb + $0) } ?? field.bits.mask
    }
}
