/// Builds large, valid specs for benchmarks: many registers with several fields each.
public enum LargeSpec {
    /// A device with `registers` 32-bit registers of four fields each, spread over one 64-bit BAR.
    public static func text(registers: Int, name: String = "Large") -> String {
        var lines = [
            "name: \(name)",
            "description: Synthetic device with \(registers) registers",
            "pci: { vendor: 0x1234, device: 0xBEEF, class: 0x00ff00 }",
            "thunderbolt: { tunnel-compatible: true }",
            "driver: { bundle-id: com.example.driver.\(name) }",
            "interrupts:",
            "  kind: msi",
            "  vectors: 1",
            "  sources:",
            "    - { name: done, vector: 0, status: register0.ready, acknowledge: register0.ready }",
            "bars:",
            "  - index: 0",
            "    name: registers",
            "    type: mem64",
            "    size: \(SpecText.hex(barSize(registers: registers)))",
            "    registers:",
        ]
        lines.reserveCapacity(lines.count + registers * 8)
        let kinds = ["rw", "ro", "w1c", "rw"]
        for index in 0..<registers {
            lines.append("      - name: register\(index)")
            lines.append("        offset: \(SpecText.hex(UInt64(index) * 4))")
            lines.append("        description: Register number \(index).")
            lines.append("        fields:")
            lines.append("          - { name: ready, bits: 0, access: \(kinds[index % kinds.count]) }")
            lines.append("          - { name: mode, bits: \"3:1\", enum: { off: 0, slow: 1, fast: 2 } }")
            lines.append("          - { name: count, bits: \"15:8\", reset: \(index % 256) }")
            lines.append("          - { name: limit, bits: \"31:16\" }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func barSize(registers: Int) -> UInt64 {
        var size: UInt64 = 0x1000
        while size < UInt64(registers) * 4 { size <<= 1 }
        return size
    }
}

/// `0x` hex text of a number.
