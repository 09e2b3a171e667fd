/// Decides whether a personality matches a PCI device the way IOKit does, and when it does
/// not, says why.
///
/// The rules are IOPCIBridge's: each match value is parsed as hex (`0x` optional; `"4098"` is
/// 0x4098); a key may hold several alternatives separated by spaces, each `value[&mask]`; an
/// alternative matches when `(value & mask) == (register & mask)`; every key present must
/// match. `IOPCIMatch` tries config 0x00 and then 0x2C; `IOPCIPrimaryMatch` reads 0x00,
/// `IOPCISecondaryMatch` 0x2C, `IOPCIClassMatch` 0x08 with a default mask of 0xFFFFFF00.
/// A tunnelled (Thunderbolt) device also needs `IOPCITunnelCompatible` = true.
public enum PersonalityMatcher {
    public enum Result: Sendable, Equatable {
        case matched(score: Int)
        case refused(reason: String)

        public var isMatch: Bool {
            if case .matched = self { return true }
            return false
        }
    }

    private enum Register: Sendable {
        case id, subsystem, classCode

        func value(of device: PCIMatchDevice) -> UInt32 {
            switch self {
            case .id: device.idRegister
            case .subsystem: device.subsystemRegister
            case .classCode: device.classRegister
            }
        }
    }

    private struct Rule: Sendable {
        let key: String
        let registers: [Register]
        let defaultMask: UInt32
        let registerNames: String
    }

    private static let rules = [
        Rule(key: PersonalityKey.pciMatch, registers: [.id, .subsystem], defaultMask: 0xFFFF_FFFF, registerNames: "0x00 or 0x2C"),
        Rule(key: PersonalityKey.pciPrimaryMatch, registers: [.id], defaultMask: 0xFFFF_FFFF, registerNames: "0x00"),
        Rule(key: PersonalityKey.pciSecondaryMatch, registers: [.subsystem], defaultMask: 0xFFFF_FFFF, registerNames: "0x2C"),
        Rule(key: PersonalityKey.pciClassMatch, registers: [.classCode], defaultMask: 0xFFFF_FF00, registerNames: "0x08"),
    ]

    /// Evaluates `personality` against `device`.
    public static func evaluate(_ personality: Personality, against device: PCIMatchDevice) -> Result {
        let properties = personality.properties
        if let provider = properties[PersonalityKey.providerClass]?.stringValue, provider != "IOPCIDevice" {
            return .refused(reason: "IOProviderClass is \(provider), not IOPCIDevice")
        }
        if device.isTunnelled && properties[PersonalityKey.tunnelCompatible]?.boolValue != true {
            return .refused(reason: "device is tunnelled over Thunderbolt and the personality needs \"IOPCITunnelCompatible\" key")
        }
        let result = matchRegisters(properties, against: device)
        if case .refused = result { return result }
        return .matched(score: personality.probeScore)
    }

    /// Matches only the register keys (as the entitlement check does).
    public static func matchRegisters(_ properties: [String: PropertyValue], against device: PCIMatchDevice) -> Result {
        var sawKey = false
        for rule in rules {
            guard let value = properties[rule.key] else { continue }
            sawKey = true
            guard let text = value.stringValue else {
                return .refused(reason: "\(rule.key) is not a string")
            }
            let alternatives = parse(text, defaultMask: rule.defaultMask)
            let matched = rule.registers.contains { register in
                let actual = register.value(of: device)
                return alternatives.contains { $0.value & $0.mask == actual & $0.mask }
            }
            if !matched {
                let actual = rule.registers.map { Self.hex($0.value(of: device)) }.joined(separator: " / ")
                return .refused(reason: "\(rule.key) '\(text)' does not match config \(rule.registerNames) = \(actual)")
            }
        }
        return sawKey ? .matched(score: 0) : .refused(reason: "the personality has no PCI match key")
    }

    /// Parses `value[&mask] value[&mask] ...` as `strtoul(…, 16)` would, stopping at the first
    /// text that is not a number.
    public static func parse(_ text: String, defaultMask: UInt32) -> [(value: UInt32, mask: UInt32)] {
        var scanner = HexScanner(Array(text.utf8))
        var alternatives: [(UInt32, UInt32)] = []
        while let value = scanner.number() {
            scanner.skipSpaces()
            var mask = defaultMask
            if scanner.take(UInt8(ascii: "&")) {
                mask = scanner.number() ?? 0
            }
            alternatives.append((value, mask))
        }
        return alternatives
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// Reads hex numbers like C's `strtoul(text, &end, 16)`: leading spaces, an optional `0x`.
private struct HexScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// The next number, or nil (position unchanged) when no digit follows.
    mutating func number() -> UInt32? {
        let start = position
        skipSpaces()
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "0"), bytes[position + 1] | 0x20 == UInt8(ascii: "x"),
            position + 2 < bytes.count, Self.digit(bytes[position + 2]) != nil
        {
            position += 2
        }
        var value: UInt64 = 0
        var digits = 0
        while position < bytes.count, let digit = Self.digit(bytes[position]) {
            value = min(value << 4 | UInt64(digit), UInt64(UInt32.max) + 1)
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            position = start
            return nil
        }
        return value > UInt64(UInt32.max) ? UInt32.max : UInt32(value)  // strtoul saturates
    }

    private static func digit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
