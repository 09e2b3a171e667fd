import DriverSpec

/// A register's fields as an SVG diagram: one box per field at its bits (bit 0 at the right),
/// reserved bits hatched, access kinds by style, 32 bits to a row.
enum BitfieldDiagram {
    static let bitWidth = 26
    static let rowHeight = 46

    static func svg(_ register: RegisterReference) -> String {
        let rows = (register.width + 31) / 32
        let bitsPerRow = min(register.width, 32)
        let width = bitsPerRow * bitWidth + 2
        let height = rows * (rowHeight + 18) + 2
        var svg =
            "<svg class=\"bitfield\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
            + " aria-label=\"\(HTMLText.escaped("Bit fields of \(register.name)"))\">"
        for row in 0..<rows {
            let top = row * (rowHeight + 18)
            let highBit = register.width - 1 - row * 32
            // Bit numbers above each row's first and last bit and each field's edges.
            svg += "<text class=\"bit-number\" x=\"\(1 + bitWidth / 2)\" y=\"\(top + 11)\">\(highBit)</text>"
            svg += "<text class=\"bit-number\" x=\"\(1 + (bitsPerRow - 1) * bitWidth + bitWidth / 2)\" y=\"\(top + 11)\">\(highBit - bitsPerRow + 1)</text>"
            for piece in pieces(of: register, inRowFrom: highBit - bitsPerRow + 1, to: highBit) {
                let x = 1 + (highBit - piece.msb) * bitWidth
                let boxWidth = (piece.msb - piece.lsb + 1) * bitWidth
                let y = top + 16
                if let field = piece.field {
                    let label = boxWidth >= 7 * field.name.count ? field.name : (boxWidth >= bitWidth * 2 ? String(field.name.prefix(max(1, boxWidth / 8 - 1))) + "…" : "")
                    svg += "<g class=\"field access-\(field.accessKind)\" data-field=\"\(HTMLText.escaped(field.name))\" data-lsb=\"\(piece.lsb)\" data-msb=\"\(piece.msb)\">"
                    svg += "<title>\(HTMLText.escaped("\(field.name): bits \(field.bits), \(field.access), reset \(Hex.string(field.reset))"))</title>"
                    svg += "<a href=\"#\(HTMLText.escaped(field.id))\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(rowHeight - 16)\"/>"
                    svg += "<text x=\"\(x + boxWidth / 2)\" y=\"\(y + 19)\">\(HTMLText.escaped(label))</text></a></g>"
                } else {
                    svg +=
                        "<g class=\"reserved\" data-lsb=\"\(piece.lsb)\" data-msb=\"\(piece.msb)\"><title>reserved: bits \(piece.msb == piece.lsb ? "\(piece.lsb)" : "\(piece.msb):\(piece.lsb)")</title>"
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(rowHeight - 16)\"/></g>"
                }
            }
        }
        return svg + "</svg>"
    }

    /// The row's bits from `low` to `high` as runs: each field's part, and reserved gaps.
    private static func pieces(of register: RegisterReference, inRowFrom low: Int, to high: Int) -> [(lsb: Int, msb: Int, field: FieldReference?)] {
        var pieces: [(lsb: Int, msb: Int, field: FieldReference?)] = []
        var bit = high
        let fields = register.fields.sorted { $0.bits.msb > $1.bits.msb }
        while bit >= low {
            if let field = fields.first(where: { $0.bits.lsb <= bit && bit <= $0.bits.msb }) {
                let lsb = max(field.bits.lsb, low)
                pieces.append((lsb, bit, field))
                bit = lsb - 1
            } else {
                let next = fields.filter { $0.bits.msb < bit }.map(\.bits.msb).max() ?? (low - 1)
                let lsb = max(next + 1, low)
                pieces.append((lsb, bit, nil))
                bit = lsb - 1
            }
        }
        return pieces
    }
}
