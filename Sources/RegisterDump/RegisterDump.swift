import DriverRuntime
import DriverSpec

/// Reads every register of a spec that can be read without side effects from a device, and
/// prints it decoded with the spec's field names and enum cases: what `drivergen dump` shows
/// for a real PCI function (through VFIO), and what tests show for a simulated one.
///
/// Registers whose reads change the device (`rc`, `rs`, `rc-w1c`) are skipped unless
/// `includeSideEffects` is set; write-only registers are always skipped.
public struct RegisterDump {
    public struct Options: Sendable {
        /// Also read registers whose reads clear or set bits.
        public var includeSideEffects: Bool

        public init(includeSideEffects: Bool = false) {
            self.includeSideEffects = includeSideEffects
        }
    }

    /// One register element as the dump saw it.
    public struct Line: Sendable, Equatable {
        /// `BAR 0` or `config`.
        public var block: String
        public var offset: UInt64
        /// The spec name, with `[i]` for an array element.
        public var name: String
        /// The raw value read, or nil when the register was skipped.
        public var value: UInt64?
        public var width: Int
        /// `field=value` per readable field, or why the register was skipped.
        public var detail: String
    }

    public let spec: DeviceSpec
    public let options: Options

    public init(spec: DeviceSpec, options: Options = Options()) {
        self.spec = spec
        self.options = options
    }

    /// Reads the registers through `provider`, which must be open with memory decoding on.
    public func read(from provider: any PCIDeviceProvider) throws(PCIError) -> [Line] {
        var lines: [Line] = []
        for register in spec.configRegisters {
            lines += read(register, block: "config", bus: ProviderConfigurationBus(provider: provider))
        }
        for bar in spec.bars where !bar.registers.isEmpty {
            let info = try provider.barInfo(barIndex: UInt8(bar.index))
            let bus = ProviderMemoryBus(provider: provider, memoryIndex: info.memoryIndex)
            for register in bar.registers { lines += read(register, block: "BAR \(bar.index)", bus: bus) }
        }
        return lines
    }

    /// The lines as text, one register per line.
    public static func render(_ lines: [Line]) -> String {
        let nameWidth = min(40, lines.map(\.name.count).max() ?? 0)
        let valueWidth = lines.map { formatted($0.value ?? 0, width: $0.width).count }.max() ?? 0
        return lines.map { line in
            let offset = "0x" + String(line.offset, radix: 16, uppercase: true).padded(to: 5, with: "0", left: true)
            let value = line.value.map { formatted($0, width: line.width) } ?? "-"
            return [line.block.padded(to: 6), offset, line.name.padded(to: nameWidth), value.padded(to: valueWidth), line.detail]
                .joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    private static func formatted(_ value: UInt64, width: Int) -> String {
        switch width {
        case 8: ValueFormatting.hex(UInt8(truncatingIfNeeded: value))
        case 16: ValueFormatting.hex(UInt16(truncatingIfNeeded: value))
        case 32: ValueFormatting.hex(UInt32(truncatingIfNeeded: value))
        default: ValueFormatting.hex(value)
        }
    }

    private func read(_ register: RegisterSpec, block: String, bus: some RegisterBus) -> [Line] {
        let elements = register.elementOffsets.enumerated().map { index, offset in
            (register.array == nil ? register.name : "\(register.name)[\(index)]", offset)
        }
        let sideEffects = register.fields.filter { $0.access.hasReadSideEffect }.map(\.access.rawValue)
        return elements.map { name, offset in
            var line = Line(block: block, offset: offset, name: name, value: nil, width: register.width, detail: "")
            if !register.isReadable {
                line.detail = "skipped: write-only"
            } else if !sideEffects.isEmpty && !options.includeSideEffects {
                line.detail = "skipped: reading changes it (\(Set(sideEffects).sorted().joined(separator: ", "))); --include-side-effects reads it"
            } else {
                let plan: RegisterAccessPlan = register.partWidth.map { .split(partWidth: $0, highFirst: register.accessOrder == .highFirst) } ?? .whole
                let value = Self.read(bus, at: Int(offset), width: register.width, plan: plan)
                line.value = value
                line.detail = Self.decode(value, register)
            }
            return line
        }
    }

    /// Reads the register as generated code would: whole, or in parts in the spec's order.
    private static func read(_ bus: some RegisterBus, at offset: Int, width: Int, plan: RegisterAccessPlan) -> UInt64 {
        switch width {
        case 8: UInt64(UInt8.read(from: bus, at: offset, plan: plan))
        case 16: UInt64(UInt16.read(from: bus, at: offset, plan: plan))
        case 32: UInt64(UInt32.read(from: bus, at: offset, plan: plan))
        default: UInt64.read(from: bus, at: offset, plan: plan)
        }
    }

    /// `field=value ...` for the readable fields; enum values by name.
    static func decode(_ value: UInt64, _ register: RegisterSpec) -> String {
        if register.hasImplicitField { return "" }
        return register.fields.filter { $0.access.isReadable }.map { field in
            let raw = (value & field.bits.mask) >> UInt64(field.bits.lsb)
            let shown: String
            if !field.flags.isEmpty {
                let named = field.flags.filter { raw & (1 << $0.value) != 0 }.map(\.name)
                let unnamed = raw & ~field.flags.reduce(UInt64(0)) { $0 | 1 << $1.value }
                shown = "[" + (named + (unnamed == 0 ? [] : ["0x\(String(unnamed, radix: 16))"])).joined(separator: ", ") + "]"
            } else if let named = field.enumeration.first(where: { $0.value == raw }) {
                shown = named.name
            } else if !field.enumeration.isEmpty {
                shown = "unknown(0x\(String(raw, radix: 16)))"
            } else if field.bits.width == 1 {
                shown = raw == 1 ? "true" : "false"
            } else {
                shown = "0x" + String(raw, radix: 16, uppercase: true)
            }
            return "\(field.name)=\(shown)"
        }.joined(separator: " ")
    }
}

private extension String {
    func padded(to length: Int, with pad: Character = " ", left: Bool = false) -> String {
        let padding = String(repeating: pad, count: max(0, length - count))
        return left ? padding + self : self + padding
    }

    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
