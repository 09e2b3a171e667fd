/// Register start offsets to (register index, value slot), looked up on every access. Open
/// addressing with a multiplicative hash: several times faster than `Dictionary`, whose
/// SipHash dominated a simulated access.
struct OffsetTable {
    private var keys: [Int]
    private var entries: [(index: Int, slot: Int)]
    private let shift: Int
    private static let empty = Int.min

    init(_ pairs: [(offset: Int, index: Int, slot: Int)]) {
        var capacity = 8
        while capacity < pairs.count * 2 { capacity <<= 1 }
        keys = Array(repeating: Self.empty, count: capacity)
        entries = Array(repeating: (0, 0), count: capacity)
        shift = 64 - capacity.trailingZeroBitCount
        for pair in pairs where self[pair.offset] == nil {
            var position = position(of: pair.offset)
            while keys[position] != Self.empty { position = (position + 1) & (keys.count - 1) }
            keys[position] = pair.offset
            entries[position] = (pair.index, pair.slot)
        }
    }

    subscript(offset: Int) -> (index: Int, slot: Int)? {
        var position = position(of: offset)
        while true {
            let key = keys[position]
            if key == offset { return entries[position] }
            if key == Self.empty { return nil }
            position = (position + 1) & (keys.count - 1)
        }
    }

    private func position(of offset: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(offset)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }
}
