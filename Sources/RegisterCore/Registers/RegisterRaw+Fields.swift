/// Field access on a raw register value, for generated accessors: one call instead of an
/// expression of operators, which the type checker resolves far faster at chip scale. Each
/// inlines to the same mask-and-shift a hand-written accessor would do.
extension RegisterRaw {
    /// Whether bit `index` is set.
    @inlinable @inline(__always)
    public func bit(_ index: Int) -> Bool {
        self & (1 << index) != 0
    }

    /// Sets or clears bit `index`.
    @inlinable @inline(__always)
    public mutating func setBit(_ index: Int, to value: Bool) {
        self = value ? self | (1 << index) : self & ~(1 << index)
    }

    /// The field whose lowest bit is `shift` and whose value is at most `mask`, shifted down.
    @inlinable @inline(__always)
    public func field(at shift: Int, mask: Self) -> Self {
        (self >> shift) & mask
    }

    /// Stores `value` (truncated to `mask`) in the field whose lowest bit is `shift`.
    @inlinable @inline(__always)
    public mutating func setField(at shift: Int, mask: Self, to value: Self) {
        self = (self & ~(mask << shift)) | ((value & mask) << shift)
    }

    /// Stores `value` in the field, which it must fit: a value too wide for field `name` is a
    /// programming error, caught in debug builds.
    @inlinable @inline(__always)
    public mutating func setField(at shift: Int, mask: Self, to value: Self, field name: StaticString) {
        assert(value <= mask, "the value does not fit field \(name)")
        setField(at: shift, mask: mask, to: value)
    }
}
