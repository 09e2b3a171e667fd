import DriverSpec
import Foundation

/// Reads an IP-XACT component (IEEE 1685-2009 `spirit:` or 1685-2014 `ipxact:`) into a
/// `SourceMap`: each address block of each memory map is a block; register files are flattened
/// into their registers (a register file array makes each of its registers an array); resets
/// come from the register (2009) or its fields (2014).
struct IPXACTReader {
    let log: ImportLog

    static let namespaces = [
        "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009": "IEEE 1685-2009",
        "http://www.accellera.org/XMLSchema/IPXACT/1685-2014": "IEEE 1685-2014",
        "http://www.accellera.org/XMLSchema/IPXACT/1685-2022": "IEEE 1685-2022",
    ]

    func read(_ component: XMLNode) -> SourceMap? {
        guard component.name == "component" else {
            log.error(
                component.location, "the root element is <\(component.name)>, not an IP-XACT <component>",
                hint: component.name == "device" ? "this looks like CMSIS-SVD: use `drivergen import svd`" : nil)
            return nil
        }
        if Self.namespaces[component.namespace ?? ""] == nil {
            log.warning(component.location, "namespace '\(component.namespace ?? "none")' is not IP-XACT 1685-2009 or 1685-2014; read as if it were")
        }
        var blocks: [SourceBlock] = []
        for memoryMap in component.child("memoryMaps")?.children("memoryMap") ?? [] {
            for bank in memoryMap.children("bank") {
                log.warning(bank.location, "bank '\(bank.value("name") ?? "?")' not imported: banks are not supported; list its address blocks in the memory map")
            }
            for block in memoryMap.children("addressBlock") {
                blocks.append(readBlock(block))
            }
        }
        var name = component.value("name") ?? "Component"
        if name.hasPrefix("$") || !SwiftName.canName(name) {
            name = blocks.count == 1 ? blocks[0].name : (component.child("memoryMaps")?.child("memoryMap")?.value("name") ?? "Component")
        }
        return SourceMap(name: name, description: clean(component.value("description")) ?? (blocks.count == 1 ? blocks[0].description : nil), blocks: blocks)
    }

    private func readBlock(_ block: XMLNode) -> SourceBlock {
        let name = block.value("name") ?? "block"
        let width = SourceNumber.small(block.value("width")) ?? 32
        let registers = readContainer(block, offset: 0, prefix: "", access: access(of: block), defaultSize: width, outerDimension: nil)
        return SourceBlock(
            name: name, description: clean(block.value("description")),
            baseAddress: SourceNumber.address(block.value("baseAddress")) ?? 0, registers: registers, location: block.location)
    }

    private func readContainer(_ node: XMLNode, offset: UInt64, prefix: String, access: SourceAccess, defaultSize: Int, outerDimension: SourceDimension?) -> [SourceRegister] {
        var registers: [SourceRegister] = []
        for child in node.children {
            switch child.name {
            case "register":
                registers += readRegister(child, offset: offset, prefix: prefix, access: access, defaultSize: defaultSize, outerDimension: outerDimension)
            case "registerFile":
                registers += readRegisterFile(child, offset: offset, prefix: prefix, access: access, defaultSize: defaultSize, outerDimension: outerDimension)
            default:
                continue
            }
        }
        return registers
    }

    private func readRegisterFile(
        _ file: XMLNode, offset outer: UInt64, prefix: String, access outerAccess: SourceAccess, defaultSize: Int, outerDimension: SourceDimension?
    ) -> [SourceRegister] {
        let name = file.value("name") ?? "file"
        let offset = outer + (SourceNumber.address(file.value("addressOffset")) ?? 0)
        let access = access(of: file).inheriting(outerAccess)
        let range = SourceNumber.stride(file.value("range")) ?? 0
        let count = dimensionCount(of: file)
        guard count > 1 else {
            return readContainer(file, offset: offset, prefix: prefix + name + "_", access: access, defaultSize: defaultSize, outerDimension: outerDimension)
        }
        if outerDimension == nil {
            return readContainer(
                file, offset: offset, prefix: prefix + name + "_", access: access, defaultSize: defaultSize,
                outerDimension: SourceDimension(count: count, increment: range))
        }
        return (0..<count).flatMap { index in
            readContainer(
                file, offset: offset + UInt64(index) * range, prefix: prefix + name + "\(index)_", access: access,
                defaultSize: defaultSize, outerDimension: outerDimension)
        }
    }

    private func readRegister(
        _ node: XMLNode, offset: UInt64, prefix: String, access outerAccess: SourceAccess, defaultSize: Int, outerDimension: SourceDimension?
    ) -> [SourceRegister] {
        let name = node.value("name") ?? "register"
        let size = SourceNumber.small(node.value("size")) ?? defaultSize
        let access = access(of: node).inheriting(outerAccess)
        // 1685-2009: the reset is the register's.
        let reset = node.child("reset")
        var resetValue = reset?.value("value").flatMap(SourceNumber.parse) ?? 0
        var resetMask = reset?.value("mask").flatMap(SourceNumber.parse) ?? ~0
        let fields = node.children("field").map { readField($0, access: access) }
        // 1685-2014: each field has its own.
        for field in fields {
            guard let fieldReset = field.reset else { continue }
            let mask: UInt64 = field.width >= 64 ? ~0 : ((1 << UInt64(field.width)) - 1) << UInt64(field.lsb)
            resetValue = (resetValue & ~mask) | ((fieldReset << UInt64(field.lsb)) & mask)
            if reset == nil { resetMask = ~0 }
        }
        for alternate in node.child("alternateRegisters")?.children("alternateRegister") ?? [] {
            log.lost(
                alternate.location, "alternate register '\(alternate.value("name") ?? "?")' of '\(name)' not imported: its mode-dependent view has no spec construct",
                ImportLosses(registers: 1, fields: alternate.children("field").count))
        }
        var register = SourceRegister(
            name: prefix + name, description: clean(node.value("description")),
            offset: offset + (SourceNumber.address(node.value("addressOffset")) ?? 0), size: size, access: access,
            resetValue: resetValue, resetMask: resetMask, fields: fields, dimension: outerDimension, location: node.location)
        let count = dimensionCount(of: node)
        guard count > 1 else { return [register] }
        let stride = SourceNumber.stride(node.value("stride")) ?? UInt64(max(size / 8, 1))
        if outerDimension == nil {
            register.dimension = SourceDimension(count: count, increment: stride)
            return [register]
        }
        return (0..<count).map { index in
            var copy = register
            copy.name = prefix + name + "\(index)"
            copy.offset += UInt64(index) * stride
            return copy
        }
    }

    private func readField(_ node: XMLNode, access outerAccess: SourceAccess) -> SourceField {
        let name = node.value("name") ?? "field"
        let reset =
            node.child("resets")?.child("reset")?.value("value").flatMap(SourceNumber.parse)
            ?? node.child("reset")?.value("value").flatMap(SourceNumber.parse)
        var sets: [String: [SourceEnumeratedValue]] = [:]
        var order: [String] = []
        for value in node.child("enumeratedValues")?.children("enumeratedValue") ?? [] {
            let usage = value.attributes["usage"] ?? "read-write"
            if sets[usage] == nil { order.append(usage) }
            let literal = value.value("value") ?? ""
            sets[usage, default: []].append(
                SourceEnumeratedValue(
                    name: value.value("name") ?? "value", description: clean(value.value("description")),
                    value: SourceNumber.parse(literal), literal: literal, location: value.location))
        }
        return SourceField(
            name: name, description: clean(node.value("description")),
            lsb: SourceNumber.small(node.value("bitOffset")) ?? 0,
            width: SourceNumber.small(node.value("bitWidth")) ?? 1,
            access: access(of: node).inheriting(outerAccess), reset: reset,
            enumeratedValues: order.map { SourceEnumeratedValues(usage: $0, values: sets[$0]!) }, location: node.location)
    }

    private func access(of node: XMLNode) -> SourceAccess {
        SourceAccess(access: node.value("access"), modifiedWriteValues: node.value("modifiedWriteValue"), readAction: node.value("readAction"))
    }

    /// The number of copies: the product of every `dim`.
    private func dimensionCount(of node: XMLNode) -> Int {
        node.children("dim").compactMap { SourceNumber.small($0.text) }.reduce(1) { min($0 * max($1, 1), 65_536) }
    }
}
