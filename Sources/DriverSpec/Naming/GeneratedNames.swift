/// The Swift names generated code gives to spec elements, shared by validation (which
/// rejects collisions) and code generation (which emits them), so both agree.
public enum GeneratedNames {
    /// The device namespace: `enum Edu`.
    public static func namespace(_ device: String) -> String { typeName(device) }

    /// A register's value type inside the device namespace: `Edu.Status`.
    public static func registerType(_ register: String) -> String { typeName(register) }

    /// A BAR's register block type: `Edu.Mmio`.
    public static func barBlockType(_ bar: String) -> String { typeName(bar) }

    /// The configuration-space register block type.
    public static let configBlockType = "ConfigSpace"

    /// An enumerated field's type, nested in its register's value type.
    public static func enumType(_ field: String) -> String { typeName(field) }

    /// A property for a register in a block, a field in a value, or a BAR in a driver.
    public static func member(_ name: String) -> String {
        let identifier = SwiftName.lowerCamel(name)
        return reservedMembers.contains(identifier) ? identifier + "_" : identifier
    }

    /// An enum case of a field enumeration.
    public static func enumCase(_ name: String) -> String {
        let identifier = SwiftName.lowerCamel(name)
        return identifier == "unknown" || identifier == "rawValue" ? identifier + "_" : identifier
    }

    /// The per-source handler method of a driver: `handleFactorialInterrupt`.
    public static func interruptHandler(_ source: String) -> String {
        "handle" + SwiftName.upperCamel(source) + "Interrupt"
    }

    /// A type name with names Swift gives special meaning escaped by a trailing underscore.
    static func typeName(_ name: String) -> String {
        let identifier = SwiftName.upperCamel(name)
        return reservedTypes.contains(identifier) ? identifier + "_" : identifier
    }

    /// Members the generated types already have (or that Swift reserves in member position).
    public static let reservedMembers: Set<String> = [
        "rawValue", "description", "resetValue", "init", "clear", "set", "toggle", "bus", "offset",
        "self", "Type", "Protocol", "metadata", "layout", "debugDescription", "hashValue", "hash",
    ]

    /// Type names that would shadow what generated code uses, or that Swift reserves.
    public static let reservedTypes: Set<String> = [
        "Type", "Protocol", "Self", "Any", "Swift", "DriverRuntime", "Foundation", "Dispatch",
        "Bool", "Int", "UInt8", "UInt16", "UInt32", "UInt64", "String", "Never", "Optional",
        "RawValue", "Raw", "Register", "RegisterArray", "RegisterBus", "ConfigSpace", "Metadata",
    ]

    /// Device names refused outright: they would shadow modules generated code imports.
    public static let reservedDeviceNames: Set<String> = [
        "Swift", "DriverRuntime", "DriverSimulator", "Foundation", "Dispatch", "Synchronization",
        "Glibc", "Darwin", "Musl", "Testing", "XCTest", "GeneratedDrivers",
    ]
}
