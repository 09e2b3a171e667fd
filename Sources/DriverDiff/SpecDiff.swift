import DriverSpec

/// Compares two validated versions of a device spec: devices, identity, BARs, registers,
/// fields, enum values, interrupts, DMA structures and rings. The comparison is semantic (names, values, places), so
/// reordering or reformatting a spec changes nothing.
public enum SpecDiff {
    /// Every change from `old` to `new`, sorted by where it is in the new spec.
    public static func compare(_ old: DeviceSpec, _ new: DeviceSpec) -> [DiffFinding] {
        var diff = DeviceComparison(old: old, new: new)
        diff.compareIdentity()
        diff.compareBarsAndRegisters()
        diff.compareInterrupts()
        diff.compareStructures()
        diff.compareRings()
        return diff.findings.sorted(by: DiffFinding.readingOrder)
    }

    /// A device that exists only in the new version.
    public static func added(_ spec: DeviceSpec) -> DiffFinding {
        DiffFinding(rule: .deviceAdded, message: "device '\(spec.name)' was added", path: "", newValue: spec.name, newLocation: spec.source.element)
    }

    /// A device that exists only in the old version.
    public static func removed(_ spec: DeviceSpec) -> DiffFinding {
        DiffFinding(rule: .deviceRemoved, message: "device '\(spec.name)' was removed", path: "", oldValue: spec.name, oldLocation: spec.source.element)
    }
}

extension DiffFinding {
    /// Breaking first, then by place in the new spec (or the old one), then by rule.
    static func readingOrder(_ a: DiffFinding, _ b: DiffFinding) -> Bool {
        if a.level != b.level { return a.level > b.level }
        let aPlace = a.newLocation ?? a.oldLocation, bPlace = b.newLocation ?? b.oldLocation
        if aPlace != bPlace, let aPlace, let bPlace { return aPlace < bPlace }
        return (a.rule.rawValue, a.path) < (b.rule.rawValue, b.path)
    }
}

/// The state of one comparison: both versions and what was found so far.
struct DeviceComparison {
    let old: DeviceSpec
    let new: DeviceSpec
    var findings: [DiffFinding] = []

    mutating func report(
        _ rule: DiffRule, _ message: String, path: String, old oldValue: String? = nil, new newValue: String? = nil,
        at oldLocation: SourceLocation? = nil, _ newLocation: SourceLocation? = nil
    ) {
        findings.append(
            DiffFinding(
                rule: rule, message: message, path: path, oldValue: oldValue, newValue: newValue,
                oldLocation: oldLocation, newLocation: newLocation))
    }

    /// Reports `rule` when the values differ. `show` gives the value as reported; names are
    /// quoted in the message.
    mutating func compare<Value: Equatable>(
        _ oldValue: Value, _ newValue: Value, _ rule: DiffRule, _ what: String, path: String,
        at oldLocation: SourceLocation, _ newLocation: SourceLocation, quoted: Bool = false, show: (Value) -> String
    ) {
        guard oldValue != newValue else { return }
        let (before, after) = (show(oldValue), show(newValue))
        let quote = { (text: String) in quoted && text != "none" ? "'\(text)'" : text }
        report(
            rule, "\(what) changed from \(quote(before)) to \(quote(after))", path: path,
            old: before, new: after, at: oldLocation, newLocation)
    }

    mutating func compareDescriptions(_ oldText: String?, _ newText: String?, _ what: String, path: String, at oldLocation: SourceLocation, _ newLocation: SourceLocation) {
        guard oldText != newText else { return }
        report(.descriptionChanged, "the description of \(what) changed", path: path, old: oldText, new: newText, at: oldLocation, newLocation)
    }

    static func hex(_ value: some BinaryInteger) -> String { Hex.string(value) }
    static func optionalHex(_ value: (some BinaryInteger)?) -> String { value.map { Hex.string($0) } ?? "none" }
}
