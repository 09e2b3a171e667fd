/// Memory the driver shares with the device by DMA, laid out as the device reads and writes it:
/// a descriptor, a queue entry, data the device writes back. `structures:` in a spec.
public struct StructureSpec: Sendable {
    public var name: String
    /// Bytes the structure occupies; an array of them (a ring) has one every `size` bytes.
    public var size: Int
    public var byteOrder: ByteOrder
    /// When false (the default), every multi-byte field must sit at a multiple of its width.
    public var isPacked: Bool
    public var description: String?
    /// Members every view shares.
    public var fields: [StructureFieldSpec]
    /// Alternative layouts of the same bytes (a descriptor as the driver writes it and as the
    /// device writes it back; command-specific dwords). Fields of different views may overlap.
    public var views: [StructureViewSpec]
    /// Byte ranges the device reserves: no field may use them; they stay zero in a new value.
    public var reserved: [ByteRange]
    public var source: SourceMap

    public init(
        name: String, size: Int, byteOrder: ByteOrder, isPacked: Bool, description: String?,
        fields: [StructureFieldSpec], views: [StructureViewSpec], reserved: [ByteRange], source: SourceMap
    ) {
        self.name = name
        self.size = size
        self.byteOrder = byteOrder
        self.isPacked = isPacked
        self.description = description
        self.fields = fields
        self.views = views
        self.reserved = reserved
        self.source = source
    }

    /// The view with this name.
    public func view(named name: String) -> StructureViewSpec? { views.first { $0.name == name } }

    /// Every field of the structure with the view it belongs to (nil: the common fields).
    public var allFields: [(view: String?, field: StructureFieldSpec)] {
        fields.map { (nil, $0) } + views.flatMap { view in view.fields.map { (view.name, $0) } }
    }

    /// A field by `name` or `view.name`.
    public func field(at path: String) -> StructureFieldSpec? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 { return view(named: parts[0])?.fields.first { $0.name == parts[1] } }
        return fields.first { $0.name == path }
    }
}

/// The order of bytes in every multi-byte field of a structure.
public enum ByteOrder: String, Sendable, CaseIterable {
    case little
    case big
}

/// A named alternative layout of a structure's bytes.
public struct StructureViewSpec: Sendable {
    public var name: String
    public var description: String?
    public var fields: [StructureFieldSpec]
    public var source: SourceMap

    public init(name: String, description: String?, fields: [StructureFieldSpec], source: SourceMap) {
        self.name = name
        self.description = description
        self.fields = fields
        self.source = source
    }
}

/// `count` bytes from `offset`.
public struct ByteRange: Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var count: Int

    public init(offset: Int, count: Int) {
        self.offset = offset
        self.count = count
    }

    public var end: Int { offset + count }
    public func overlaps(_ other: ByteRange) -> Bool { offset < other.end && other.offset < end }
    public var description: String { count == 1 ? "byte \(offset)" : "bytes \(offset)...\(end - 1)" }
}

/// One member of a structure: an integer (or bits of one), a byte array, an ASCII string or a
/// nested structure, alone or as an array with a stride.
public struct StructureFieldSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// An integer of `width` bits at the field's offset; `bits` picks part of it.
        case integer(width: Int, bits: BitRange)
        /// `count` raw bytes.
        case bytes(count: Int)
        /// ASCII text in `length` bytes, padded with spaces or NULs.
        case string(length: Int, padding: StringPadding)
        /// A structure of the spec, by name.
        case structure(name: String)
    }

    public var name: String
    /// Byte offset of the (first) element in the structure.
    public var offset: Int
    public var kind: Kind
    /// Elements in an array; nil for a single member.
    public var count: Int?
    /// Bytes from one element to the next; nil until resolved (the element's own size).
    public var stride: Int?
    public var description: String?
    public var enumeration: [EnumCase]
    public var flags: [EnumCase]
    public var source: SourceMap

    public init(
        name: String, offset: Int, kind: Kind, count: Int? = nil, stride: Int? = nil, description: String?,
        enumeration: [EnumCase] = [], flags: [EnumCase] = [], source: SourceMap
    ) {
        self.name = name
        self.offset = offset
        self.kind = kind
        self.count = count
        self.stride = stride
        self.description = description
        self.enumeration = enumeration
        self.flags = flags
        self.source = source
    }

    /// The integer's width in bits, or nil for other kinds.
    public var unitWidth: Int? {
        if case .integer(let width, _) = kind { return width }
        return nil
    }

    /// The bits used of the integer unit, or nil for other kinds.
    public var bits: BitRange? {
        if case .integer(_, let bits) = kind { return bits }
        return nil
    }

    /// Bytes one element occupies, given the sizes of the spec's structures (nil when the
    /// nested structure is unknown).
    public func elementSize(structures: [String: Int]) -> Int? {
        switch kind {
        case .integer(let width, _): width / 8
        case .bytes(let count): count
        case .string(let length, _): length
        case .structure(let name): structures[name]
        }
    }

    /// The bytes every element covers, first to last.
    public func extent(structures: [String: Int]) -> ByteRange? {
        guard let size = elementSize(structures: structures) else { return nil }
        let elements = count ?? 1
        return ByteRange(offset: offset, count: (elements - 1) * (stride ?? size) + size)
    }
}

/// What fills an ASCII string's unused bytes.
public enum StringPadding: String, Sendable, CaseIterable {
    /// Spaces (NVMe's serial and model numbers).
    case space
    /// NUL bytes.
    case nul
}
