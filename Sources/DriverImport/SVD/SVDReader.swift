import DriverSpec
import Foundation

/// Reads a CMSIS-SVD device into a `SourceMap`: `derivedFrom` resolved for peripherals,
/// clusters, registers, fields and enumerated values; inherited sizes, access and resets
/// applied; clusters flattened into their registers; `dim` kept where it numbers copies from 0
/// and expanded where it names them.
struct SVDReader {
    let log: ImportLog
    /// Every named, non-derived `<enumeratedValues>` of the document, the first one per name.
    private let enumeratedValuesIndex: [String: XMLNode]

    init(log: ImportLog, document: XMLNode) {
        self.log = log
        var index: [String: XMLNode] = [:]
        var pending = [document]
        while let node = pending.popLast() {
            if node.name == "enumeratedValues", node.attributes["derivedFrom"] == nil, let name = node.value("name"), index[name] == nil {
                index[name] = node
            }
            pending += node.children.reversed()
        }
        enumeratedValuesIndex = index
    }

    /// The register properties a level passes down to the next.
    private struct Defaults {
        var size = 32
        var access = SourceAccess()
        var resetValue: UInt64 = 0
        var resetMask: UInt64 = ~0

        func overridden(by node: XMLNode, reader: SVDReader) -> Defaults {
            var result = self
            if let size = SourceNumber.small(node.value("size")) { result.size = size }
            result.access = reader.access(of: node).inheriting(access)
            if let value = node.value("resetValue").flatMap(SourceNumber.parse) { result.resetValue = value }
            if let mask = node.value("resetMask").flatMap(SourceNumber.parse) { result.resetMask = mask }
            return result
        }
    }

    func read(_ device: XMLNode) -> SourceMap? {
        guard device.name == "device" else {
            log.error(
                device.location, "the root element is <\(device.name)>, not a CMSIS-SVD <device>",
                hint: device.name == "component" ? "this looks like IP-XACT: use `drivergen import ipxact`" : nil)
            return nil
        }
        let defaults = Defaults().overridden(by: device, reader: self)
        let peripherals = device.child("peripherals")?.children("peripheral") ?? []
        let byName = Dictionary(peripherals.map { ($0.value("name") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        var blocks: [SourceBlock] = []
        var interrupts: [SourceInterrupt] = []
        for peripheral in peripherals {
            let resolved = resolveDerivation(peripheral, among: byName, what: "peripheral")
            blocks += readPeripheral(resolved, defaults: defaults)
            interrupts += readInterrupts(of: resolved)
        }
        return SourceMap(
            name: device.value("name") ?? "Device", description: clean(device.value("description")), blocks: blocks,
            cpu: device.child("cpu")?.value("name"), interrupts: interrupts)
    }

    /// A peripheral's interrupt lines; a line that is not a number is left out, with a warning.
    private func readInterrupts(of peripheral: XMLNode) -> [SourceInterrupt] {
        peripheral.children("interrupt").compactMap { interrupt in
            let name = interrupt.value("name") ?? "?"
            guard let value = SourceNumber.address(interrupt.value("value")), value < 496 else {
                log.warning(interrupt.location, "interrupt '\(name)' has no valid number (0...495); not imported")
                return nil
            }
            return SourceInterrupt(
                name: name, block: peripheral.value("name") ?? "PERIPHERAL", description: clean(interrupt.value("description")), number: Int(value), location: interrupt.location)
        }
    }

    /// The element with what it derives from (by name, or by a dotted path's last part) under it.
    private func resolveDerivation(_ node: XMLNode, among candidates: [String: XMLNode], what: String, depth: Int = 0) -> XMLNode {
        guard let base = node.attributes["derivedFrom"] else { return node }
        let name = String(base.split(separator: ".").last ?? Substring(base))
        guard let found = candidates[name], depth < 8 else {
            log.warning(node.location, "\(what) '\(node.value("name") ?? "?")' derives from '\(base)', which is not found; imported as written")
            return node
        }
        // A derived peripheral has its own interrupts (the base's fire for the base).
        return resolveDerivation(found, among: candidates, what: what, depth: depth + 1)
            .overlaid(with: node, notInherited: what == "peripheral" ? ["interrupt"] : [])
    }

    private func readPeripheral(_ peripheral: XMLNode, defaults outer: Defaults) -> [SourceBlock] {
        let name = peripheral.value("name") ?? "PERIPHERAL"
        guard let base = SourceNumber.address(peripheral.value("baseAddress")) else {
            log.lost(peripheral.location, "peripheral '\(name)' has no base address; not imported", ImportLosses())
            return []
        }
        let defaults = outer.overridden(by: peripheral, reader: self)
        let registers = readContainer(peripheral.child("registers"), prefix: "", offset: 0, defaults: defaults)
        let block = SourceBlock(name: name, description: clean(peripheral.value("description")), baseAddress: base, registers: registers, location: peripheral.location)
        guard let dimension = dimension(of: peripheral), dimension.count > 1 else { return [block] }
        // Peripheral arrays: one block per copy.
        return names(for: name, dimension: peripheral).enumerated().map { index, copyName in
            var copy = block
            copy.name = copyName
            copy.baseAddress = base + UInt64(index) * dimension.increment
            return copy
        }
    }

    /// Registers of a `<registers>` or `<cluster>`, clusters flattened.
    private func readContainer(_ container: XMLNode?, prefix: String, offset: UInt64, defaults: Defaults, outerDimension: (SourceDimension, String)? = nil) -> [SourceRegister] {
        guard let container else { return [] }
        let registerNodes = container.children("register")
        let registersByName = Dictionary(registerNodes.map { ($0.value("name") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let clustersByName = Dictionary(container.children("cluster").map { ($0.value("name") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        var registers: [SourceRegister] = []
        for child in container.children {
            switch child.name {
            case "register":
                let node = resolveDerivation(child, among: registersByName, what: "register")
                registers += readRegister(node, prefix: prefix, offset: offset, defaults: defaults, outerDimension: outerDimension)
            case "cluster":
                let node = resolveDerivation(child, among: clustersByName, what: "cluster")
                registers += readCluster(node, prefix: prefix, offset: offset, defaults: defaults, outerDimension: outerDimension)
            default:
                continue
            }
        }
        return registers
    }

    private func readCluster(_ cluster: XMLNode, prefix: String, offset: UInt64, defaults outer: Defaults, outerDimension: (SourceDimension, String)?) -> [SourceRegister] {
        let name = cluster.value("name") ?? "CLUSTER"
        let clusterOffset = offset + (SourceNumber.address(cluster.value("addressOffset")) ?? 0)
        let defaults = outer.overridden(by: cluster, reader: self)
        guard let dimension = dimension(of: cluster), dimension.count > 1 || isArrayName(name) else {
            return readContainer(cluster, prefix: prefix + stripped(name) + "_", offset: clusterOffset, defaults: defaults, outerDimension: outerDimension)
        }
        if outerDimension == nil, numbersFromZero(cluster, count: dimension.count) {
            // One dimension: every register in the cluster becomes an array of the cluster's copies.
            return readContainer(cluster, prefix: prefix + stripped(name) + "_", offset: clusterOffset, defaults: defaults, outerDimension: (dimension, name))
        }
        // Named copies, or a second dimension: one set of registers per copy.
        return names(for: name, dimension: cluster).enumerated().flatMap { index, copyName in
            readContainer(
                cluster, prefix: prefix + copyName + "_", offset: clusterOffset + UInt64(index) * dimension.increment,
                defaults: defaults, outerDimension: outerDimension)
        }
    }

    private func readRegister(_ node: XMLNode, prefix: String, offset: UInt64, defaults outer: Defaults, outerDimension: (SourceDimension, String)?) -> [SourceRegister] {
        let name = node.value("name") ?? "REGISTER"
        let defaults = outer.overridden(by: node, reader: self)
        if let constraint = node.child("writeConstraint") {
            log.warning(constraint.location, "the write constraint of register '\(prefix + name)' is not imported: the spec language has none")
        }
        let fieldNodes = node.child("fields")?.children("field") ?? []
        let fieldsByName = Dictionary(fieldNodes.map { ($0.value("name") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let fields = fieldNodes.flatMap { readField(resolveDerivation($0, among: fieldsByName, what: "field"), register: node, access: defaults.access) }
        let template = SourceRegister(
            name: prefix + stripped(name), description: clean(node.value("description")),
            offset: offset + (SourceNumber.address(node.value("addressOffset")) ?? 0),
            size: defaults.size, access: defaults.access, resetValue: defaults.resetValue, resetMask: defaults.resetMask,
            fields: fields, dimension: nil, location: node.location)
        let own = dimension(of: node)
        switch (own, outerDimension) {
        case (nil, nil):
            return [template]
        case (nil, let (outer, _)?):
            var register = template
            register.dimension = outer
            return [register]
        case (let own?, let outer) where outer == nil && numbersFromZero(node, count: own.count):
            var register = template
            register.dimension = own
            return [register]
        case (let own?, let outer):
            // Named copies, or a register array inside a cluster array: copies by name.
            return names(for: name, dimension: node).enumerated().map { index, copyName in
                var register = template
                register.name = prefix + copyName
                register.offset += UInt64(index) * own.increment
                register.dimension = outer?.0
                return register
            }
        }
    }

    private func readField(_ node: XMLNode, register: XMLNode, access: SourceAccess) -> [SourceField] {
        let name = node.value("name") ?? "FIELD"
        guard let (lsb, width) = bits(of: node) else {
            log.lost(node.location, "field '\(name)' gives no bit position it can be read from; not imported", ImportLosses(fields: 1))
            return []
        }
        if let constraint = node.child("writeConstraint") {
            log.warning(constraint.location, "the write constraint of field '\(name)' is not imported: the spec language has none")
        }
        let sets = node.children("enumeratedValues").map { readEnumeratedValues($0, register: register) }
        let field = SourceField(
            name: name, description: clean(node.value("description")), lsb: lsb, width: width,
            access: self.access(of: node).inheriting(access), reset: nil, enumeratedValues: sets, location: node.location)
        return [field]
    }

    private func readEnumeratedValues(_ node: XMLNode, register: XMLNode) -> SourceEnumeratedValues {
        var resolved = node
        if let base = node.attributes["derivedFrom"] {
            let name = String(base.split(separator: ".").last ?? Substring(base))
            if let found = findEnumeratedValues(named: name, near: register) {
                resolved = found.overlaid(with: node)
            } else {
                log.warning(node.location, "enumerated values derive from '\(base)', which is not found")
            }
        }
        let values = resolved.children("enumeratedValue").map { value in
            let literal = value.value("value") ?? ""
            let isDefault = value.value("isDefault") == "true"
            return SourceEnumeratedValue(
                name: value.value("name") ?? (isDefault ? "default" : "value"), description: clean(value.value("description")),
                value: isDefault || SourceNumber.hasDontCareBits(literal) ? nil : SourceNumber.parse(literal),
                literal: isDefault ? "isDefault" : literal, location: value.location)
        }
        return SourceEnumeratedValues(usage: resolved.value("usage") ?? "read-write", values: values)
    }

    /// Enumerated values called `name` in the register (preferred), else anywhere above it.
    private func findEnumeratedValues(named name: String, near register: XMLNode) -> XMLNode? {
        for field in register.child("fields")?.children("field") ?? [] {
            if let found = field.children("enumeratedValues").first(where: { $0.value("name") == name && $0.attributes["derivedFrom"] == nil }) {
                return found
            }
        }
        return enumeratedValuesIndex[name]
    }

    // MARK: Pieces

    func access(of node: XMLNode) -> SourceAccess {
        SourceAccess(access: node.value("access"), modifiedWriteValues: node.value("modifiedWriteValues"), readAction: node.value("readAction"))
    }

    /// lsb and width, from `bitOffset`/`bitWidth`, `lsb`/`msb` or `bitRange` `[msb:lsb]`.
    private func bits(of node: XMLNode) -> (Int, Int)? {
        if let offset = SourceNumber.small(node.value("bitOffset")) {
            return (offset, SourceNumber.small(node.value("bitWidth")) ?? 1)
        }
        if let lsb = SourceNumber.small(node.value("lsb")), let msb = SourceNumber.small(node.value("msb")), msb >= lsb {
            return (lsb, msb - lsb + 1)
        }
        if let range = node.value("bitRange") {
            let parts = range.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ":").compactMap { SourceNumber.small(String($0)) }
            if parts.count == 2, parts[0] >= parts[1] { return (parts[1], parts[0] - parts[1] + 1) }
        }
        return nil
    }

    private func dimension(of node: XMLNode) -> SourceDimension? {
        guard let count = SourceNumber.small(node.value("dim")), count >= 1, count <= 65_536 else { return nil }
        return SourceDimension(count: count, increment: SourceNumber.stride(node.value("dimIncrement")) ?? 0)
    }

    /// Whether the copies are numbered 0, 1, 2... (no `dimIndex`, or exactly that one).
    private func numbersFromZero(_ node: XMLNode, count: Int) -> Bool {
        guard let index = node.value("dimIndex") else { return true }
        return dimensionIndices(index, count: count) == (0..<count).map(String.init)
    }

    /// The names of the copies: `%s` replaced by each index (`[%s]` by the index alone).
    private func names(for name: String, dimension node: XMLNode) -> [String] {
        let count = dimension(of: node)?.count ?? 1
        let indices = node.value("dimIndex").map { dimensionIndices($0, count: count) } ?? (0..<count).map(String.init)
        return indices.map { index in
            name.replacingOccurrences(of: "[%s]", with: index).replacingOccurrences(of: "%s", with: index)
        }
    }

    /// `dimIndex` as a list: `0-3`, `A-D` or `A,B,C`.
    private func dimensionIndices(_ text: String, count: Int) -> [String] {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), to >= from, to - from < 65_536 {
            return (from...to).map(String.init)
        }
        if parts.count == 2, parts[0].count == 1, parts[1].count == 1,
            let from = parts[0].unicodeScalars.first?.value, let to = parts[1].unicodeScalars.first?.value, to >= from
        {
            return (from...to).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }
        }
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return list.count == count ? list : (0..<count).map(String.init)
    }

    private func isArrayName(_ name: String) -> Bool { name.contains("%s") }

    /// The name without its `%s` / `[%s]` placeholder.
    private func stripped(_ name: String) -> String {
        name.replacingOccurrences(of: "[%s]", with: "").replacingOccurrences(of: "%s", with: "")
    }
}

/// Descriptions as one line of text: runs of white space (and the two characters `\n` that
/// some vendors' SVD generators write for a line break) become one space.
func clean(_ text: String?) -> String? {
    guard let text else { return nil }
    let words = text.replacingOccurrences(of: "\\n", with: " ").split(whereSeparator: { $0.isWhitespace })
    return words.isEmpty ? nil : words.joined(separator: " ")
}
