import DriverSpec
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Registers, fields and enum values, counted as the source counts them (an array of four
/// registers is four). Counted here from the source with a DOM and XPath, independently of the
/// importer's own reader.
struct Counts: Equatable, CustomStringConvertible {
    var registers = 0
    var fields = 0
    var enumValues = 0

    var description: String { "\(registers) registers, \(fields) fields, \(enumValues) enum values" }

    static func - (lhs: Counts, rhs: Counts) -> Counts {
        Counts(registers: lhs.registers - rhs.registers, fields: lhs.fields - rhs.fields, enumValues: lhs.enumValues - rhs.enumValues)
    }

    /// What a spec declares (an alias declares no fields: it has its target's).
    init(spec: DeviceSpec) {
        for register in spec.bars.flatMap(\.registers) {
            let copies = register.array?.count ?? 1
            let fields = register.aliasOf == nil ? register.fields.filter { !$0.isImplicit } : []
            registers += copies
            self.fields += copies * fields.count
            enumValues += copies * fields.reduce(0) { $0 + $1.enumeration.count }
        }
    }

    init(registers: Int = 0, fields: Int = 0, enumValues: Int = 0) {
        self.registers = registers
        self.fields = fields
        self.enumValues = enumValues
    }

    /// A CMSIS-SVD file: peripherals (a derived one without registers has its base's),
    /// clusters and registers multiplied by their `dim`.
    init(svd url: URL) throws {
        let document = try XMLDocument(contentsOf: url, options: [])
        let peripherals = try document.nodes(forXPath: "/device/peripherals/peripheral").compactMap { $0 as? XMLElement }
        let byName = Dictionary(peripherals.map { (Self.text($0, "name"), $0) }, uniquingKeysWith: { first, _ in first })
        for peripheral in peripherals {
            var source = peripheral
            if peripheral.elements(forName: "registers").isEmpty, let base = peripheral.attribute(forName: "derivedFrom")?.stringValue {
                source = byName[base]!
            }
            for registers in source.elements(forName: "registers") { count(registers, copies: 1) }
        }
    }

    /// An IP-XACT component (either namespace): register files and registers multiplied by
    /// their `dim`s.
    init(ipxact url: URL) throws {
        let document = try XMLDocument(contentsOf: url, options: [])
        for block in try document.nodes(forXPath: "//*[local-name()='addressBlock']").compactMap({ $0 as? XMLElement }) {
            count(block, copies: 1)
        }
    }

    private mutating func count(_ container: XMLElement, copies: Int) {
        for child in container.children?.compactMap({ $0 as? XMLElement }) ?? [] {
            let name = child.localName ?? child.name ?? ""
            let dims =
                child.children?.compactMap { $0 as? XMLElement }.filter { ($0.localName ?? $0.name) == "dim" }
                .map { Int(Self.number($0.stringValue ?? "1")) } ?? []
            let total = copies * dims.reduce(1, *)
            switch name {
            case "register":
                registers += total
                let fields = Self.descendants(child, named: "field")
                self.fields += total * fields.count
                enumValues += total * fields.reduce(0) { $0 + Self.descendants($1, named: "enumeratedValue").count }
            case "cluster", "registerFile":
                count(child, copies: total)
            default:
                continue
            }
        }
    }

    private static func descendants(_ element: XMLElement, named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for child in element.children?.compactMap({ $0 as? XMLElement }) ?? [] {
            if (child.localName ?? child.name) == name { found.append(child) }
            found += descendants(child, named: name)
        }
        return found
    }

    private static func text(_ element: XMLElement, _ name: String) -> String {
        element.elements(forName: name).first?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    private static func number(_ text: String) -> UInt64 {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.lowercased().hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) ?? 1 }
        return UInt64(trimmed) ?? 1
    }
}
