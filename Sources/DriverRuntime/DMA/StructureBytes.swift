/// The bytes of a structure in DMA memory, held as a value: `words` 8-byte words inline, no
/// allocation (a structure of `size` bytes has `(size + 7) / 8` words; the bytes past `size`
/// stay zero). Generated structure types keep one (`bytes`) and read and write their fields
/// through it, with the structure's byte order; a value moves to and from DMA memory with one
/// copy of its `size` bytes (`DMABuffer.store(_:at:)`, `load(_:at:)`).
///
/// Words rather than bytes: fields are naturally aligned, so every integer field lies inside
/// one word, and the optimizer keeps a structure being filled in registers, word by word, and
/// stores it as a hand-written fill would (benchmarks.md, "Rings").
public struct StructureBytes<let words: Int>: Sendable, Equatable {
    @usableFromInline var storage: InlineArray<words, UInt64>

    /// All zeros: a structure "from zero".
    @inlinable public init() {
        storage = InlineArray(repeating: 0)
    }

    /// The first `count` bytes at `pointer` (at most `8 * words`).
    @inlinable public init(loadingFrom pointer: UnsafeRawPointer, count: Int) {
        storage = InlineArray(repeating: 0)
        if count == 8 * words {
            for word in 0..<words {
                storage[word] = pointer.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self)
            }
        } else {
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: count)) }
        }
    }

    /// `bytes`, zero-filled or cut to the words' bytes.
    public init(_ bytes: some Collection<UInt8>) {
        storage = InlineArray(repeating: 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            for (index, byte) in bytes.prefix(8 * words).enumerated() { raw[index] = byte }
        }
    }

    /// Copies the first `count` bytes to `pointer` (at most `8 * words`).
    @inlinable public func store(to pointer: UnsafeMutableRawPointer, count: Int) {
        if count == 8 * words {
            for word in 0..<words {
                pointer.storeBytes(of: storage[word], toByteOffset: 8 * word, as: UInt64.self)
            }
        } else {
            withUnsafeBytes(of: storage) { pointer.copyMemory(from: $0.baseAddress!, byteCount: count) }
        }
    }

    /// All the words' bytes, as an array.
    public var array: [UInt8] { withUnsafeBytes(of: storage) { Array($0) } }

    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        for word in 0..<words where lhs.storage[word] != rhs.storage[word] { return false }
        return true
    }

    // MARK: Integers

    /// The integer at `offset`, in the structure's byte order.
    @inlinable
    public func load<Value: FixedWidthInteger>(_ type: Value.Type, at offset: Int, bigEndian: Bool = false) -> Value {
        withUnsafeBytes(of: storage) { raw in
            let value = raw.loadUnaligned(fromByteOffset: offset, as: Value.self)
            return bigEndian ? Value(bigEndian: value) : Value(littleEndian: value)
        }
    }

    /// Stores an integer at `offset`, in the structure's byte order.
    @inlinable
    public mutating func store<Value: FixedWidthInteger>(_ value: Value, at offset: Int, bigEndian: Bool = false) {
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.storeBytes(of: bigEndian ? value.bigEndian : value.littleEndian, toByteOffset: offset, as: Value.self)
        }
    }

    /// `mask` bits from bit `shift` of the `Unit` at `offset`.
    @inlinable
    public func field<Unit: FixedWidthInteger & UnsignedInteger>(_ unit: Unit.Type, at offset: Int, shift: Int, mask: Unit, bigEndian: Bool = false) -> Unit {
        (load(Unit.self, at: offset, bigEndian: bigEndian) >> Unit(shift)) & mask
    }

    /// Sets `mask` bits from bit `shift` of the `Unit` at `offset` to `value` (cut to the mask),
    /// keeping the unit's other bits.
    @inlinable
    public mutating func setField<Unit: FixedWidthInteger & UnsignedInteger>(
        _ value: Unit, at offset: Int, shift: Int, mask: Unit, bigEndian: Bool = false
    ) {
        let unit = load(Unit.self, at: offset, bigEndian: bigEndian)
        store((unit & ~(mask << Unit(shift))) | ((value & mask) << Unit(shift)), at: offset, bigEndian: bigEndian)
    }

    // MARK: Bytes, text, nested structures

    /// `length` bytes from `offset`.
    public func bytes(at offset: Int, count length: Int) -> [UInt8] {
        withUnsafeBytes(of: storage) { Array($0[offset..<offset + length]) }
    }

    /// Writes `value` (cut, or zero-filled, to `length`) at `offset`.
    public mutating func setBytes(_ value: [UInt8], at offset: Int, count length: Int) {
        withUnsafeMutableBytes(of: &storage) { raw in
            for index in 0..<length { raw[offset + index] = index < value.count ? value[index] : 0 }
        }
    }

    /// ASCII text in `length` bytes from `offset`, without its padding (trailing spaces or NULs).
    public func string(at offset: Int, length: Int) -> String {
        var text = bytes(at: offset, count: length)
        if let end = text.firstIndex(of: 0) { text.removeSubrange(end...) }
        while text.last == 0x20 { text.removeLast() }
        return String(decoding: text.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
    }

    /// Writes `text` as ASCII (other characters become `?`) in `length` bytes from `offset`,
    /// cut to fit, the rest filled with spaces or NULs.
    public mutating func setString(_ text: String, at offset: Int, length: Int, padWithSpaces: Bool) {
        let ascii = text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : 0x3F }.prefix(length)
        setBytes(Array(ascii) + Array(repeating: padWithSpaces ? 0x20 : 0, count: length - ascii.count), at: offset, count: length)
    }

    /// The structure embedded at `offset`.
    @inlinable
    public func structure<Nested: DMAStructure>(_ type: Nested.Type, at offset: Int) -> Nested {
        withUnsafeBytes(of: storage) { Nested(loadingFrom: $0.baseAddress! + offset) }
    }

    /// Embeds `value` at `offset`.
    @inlinable
    public mutating func setStructure<Nested: DMAStructure>(_ value: Nested, at offset: Int) {
        withUnsafeMutableBytes(of: &storage) { value.store(to: $0.baseAddress! + offset) }
    }
}
