/// The kinds of mapping a spec is made of, and the keys each accepts.
///
/// This table is the loader's single source of truth for keys; the JSON Schema in
/// `docs/drivergen-spec.schema.json` has one definition per case, and a test keeps the two in step.
public enum SpecObject: String, Sendable, CaseIterable {
    case device
    case pci
    case thunderbolt
    case driver
    case interrupts
    case msixStructure
    case interruptSource
    case bar
    case register
    case effect
    case field
    case enumCase
    case flag
    case structure
    case structureField
    case structureView
    case reservedRange
    case ring
    case ringEntries
    case ringReady
    case microcontroller
    case peripheral
    case vector

    /// The keys this mapping accepts, in documentation order.
    public var keys: [String] {
        switch self {
        case .device:
            [
                "name", "description", "pci", "thunderbolt", "storage", "driver", "interrupts", "config", "bars", "structures", "rings",
                "microcontroller", "peripherals",
            ]
        case .pci:
            ["vendor", "device", "devices", "revision", "class", "subsystem-vendor", "subsystem"]
        case .thunderbolt:
            ["tunnel-compatible", "pause-compatible"]
        case .driver:
            ["class", "bundle-id", "probe-score", "match-class-code", "user-client"]
        case .interrupts:
            ["kind", "vectors", "optional", "per-vector-masking", "address-64-bit", "table", "pba", "sources"]
        case .msixStructure:
            ["bar", "offset"]
        case .interruptSource:
            ["name", "vector", "status", "acknowledge", "enable", "mask", "description"]
        case .bar:
            ["index", "name", "type", "prefetchable", "size", "description", "registers"]
        case .register:
            [
                "name", "offset", "width", "access", "reset", "description", "count", "stride",
                "access-widths", "access-order", "effect", "alias-of", "write-only", "fields",
            ]
        case .effect:
            ["sets", "clears"]
        case .field:
            ["name", "bits", "access", "reset", "description", "enum", "flags"]
        case .enumCase:
            ["name", "value", "description"]
        case .flag:
            ["name", "bit", "description"]
        case .structure:
            ["name", "size", "description", "byte-order", "packed", "fields", "views", "reserved"]
        case .structureField:
            [
                "name", "offset", "dword", "width", "bits", "bytes", "string", "padding", "structure", "count", "stride",
                "description", "enum", "flags",
            ]
        case .structureView:
            ["name", "description", "fields"]
        case .reservedRange:
            ["offset", "bytes", "description"]
        case .ring:
            ["name", "entry", "role", "entries", "doorbell", "device-index", "ready", "description"]
        case .ringEntries:
            ["min", "max", "power-of-two", "multiple-of"]
        case .ringReady:
            ["phase", "done"]
        case .microcontroller:
            ["cpu", "interrupts"]
        case .peripheral:
            ["name", "base", "size", "description", "derived-from", "registers"]
        case .vector:
            ["name", "number", "description"]
        }
    }

    /// Keys that must be present.
    public var requiredKeys: [String] {
        switch self {
        // A PCI device also needs 'pci', 'driver' and 'bars', a microcontroller 'peripherals':
        // which form a spec has decides (SpecDecoder.decodeDevice).
        case .device: ["name"]
        case .pci: ["vendor"]
        case .driver: ["bundle-id"]
        case .interrupts: ["kind", "vectors"]
        case .msixStructure: ["bar", "offset"]
        case .interruptSource: ["name", "vector"]
        case .bar: ["index", "name", "type", "size"]
        case .register: ["name", "offset"]
        case .field: ["name", "bits"]
        case .enumCase: ["name", "value"]
        case .flag: ["name", "bit"]
        case .structure: ["name", "size"]
        case .structureField: ["name"]
        case .structureView: ["name", "fields"]
        case .reservedRange: ["offset", "bytes"]
        case .ring: ["name", "entry", "role", "doorbell"]
        case .peripheral: ["name", "base"]
        case .vector: ["name", "number"]
        case .thunderbolt, .effect, .ringEntries, .ringReady, .microcontroller: []
        }
    }

    /// The mapping as messages name it: `'thunderbolt'`, `register 'control'`, `the register`
    /// (when it has no readable name), `the MSI-X structure`.
    func phrase(named name: String?) -> String {
        if noun.hasPrefix("'") { return noun }
        switch self {
        case .device, .bar, .register, .field, .enumCase, .flag, .interruptSource, .structure, .structureField, .structureView, .ring,
            .peripheral, .vector:
            if let name { return "\(noun) '\(name)'" }
        default:
            break
        }
        return "the \(noun)"
    }

    /// How the mapping is named in messages.
    var noun: String {
        switch self {
        case .device: "device"
        case .pci: "'pci'"
        case .thunderbolt: "'thunderbolt'"
        case .driver: "'driver'"
        case .interrupts: "'interrupts'"
        case .msixStructure: "MSI-X structure"
        case .interruptSource: "interrupt source"
        case .bar: "BAR"
        case .register: "register"
        case .effect: "effect"
        case .field: "field"
        case .enumCase: "enum value"
        case .flag: "flag"
        case .structure: "structure"
        case .structureField: "structure field"
        case .structureView: "view"
        case .reservedRange: "reserved range"
        case .ring: "ring"
        case .ringEntries: "entry count"
        case .ringReady: "'ready'"
        case .microcontroller: "'microcontroller'"
        case .peripheral: "peripheral"
        case .vector: "interrupt"
        }
    }
}
