/// The Swift names generated code gives to spec elements, shared by validation (which
/// rejects collisions) and code generation (which emits them), so both agree.
///
/// A name that would clash with a member or type generated code already declares gets a
/// trailing `_` (`rawValue` -> `rawValue_`); keywords are left to the code generator to escape.
public enum GeneratedNames {
    /// The device namespace: `enum Edu`.
    public static func namespace(_ device: String) -> String { typeName(device) }

    /// A register's value type inside the device namespace: `Edu.Status`.
    public static func registerType(_ register: String) -> String { typeName(register) }

    /// A BAR's register block type: `Edu.Mmio`.
    public static func barBlockType(_ bar: String) -> String { typeName(bar) }

    /// The configuration-space register block type.
    public static let configBlockType = "ConfigSpace"

    /// An enumerated field's type, nested in its register's value type. It shares a scope with
    /// the field properties: when the field's own property would have the same spelling (a name
    /// starting with a digit), the type gets a `Value` suffix.
    public static func enumType(_ field: String) -> String {
        let type = typeName(field)
        return type == self.field(field) ? type + "Value" : type
    }

    /// A field's property in its register's value type.
    public static func field(_ name: String) -> String { member(name, avoiding: reservedFieldMembers) }

    /// A register's property in its block.
    public static func register(_ name: String) -> String { member(name, avoiding: reservedBlockMembers) }

    /// A BAR's property in the generated driver.
    public static func bar(_ name: String) -> String { member(name, avoiding: reservedDriverMembers) }

    /// A field's property in its structure's value type (or a view's property).
    public static func structureField(_ name: String) -> String { member(name, avoiding: reservedStructureMembers) }

    /// A structure's or a ring's type inside the device namespace.
    public static func structureType(_ name: String) -> String { typeName(name) }

    /// A view's type inside its structure's type; `View` is added when the view's property
    /// would have the same spelling (a name that starts with a digit or has no case).
    public static func structureViewType(_ view: String) -> String {
        // Nested in the structure's type, a view's type shadows nothing generated code uses.
        let camel = SwiftName.upperCamel(view)
        let type = awkwardMembers.contains(camel) || camel == "Self" ? camel + "_" : camel
        return type == structureField(view) ? type + "View" : type
    }

    /// The enum or flag set of a coded structure field, inside the structure's type (prefixed
    /// with the view's type for a field of a view).
    public static func structureFieldEnumType(_ field: String, view: String?) -> String {
        (view.map(structureViewType) ?? "") + enumType(field)
    }

    /// The enum that describes a ring's layout to the runtime: `TransmitQueueLayout`.
    public static func ringLayoutType(_ ring: String) -> String { SwiftName.upperCamel(ring) + "Layout" }

    /// A microcontroller peripheral's static property in the device namespace (and in its
    /// `Peripherals`): `NRF51.uart0`.
    public static func peripheral(_ name: String) -> String { member(name, avoiding: reservedPeripheralMembers) }

    /// A microcontroller interrupt line: its `Interrupt` case and its handler in `InterruptHandlers`.
    public static func interruptLine(_ name: String) -> String { member(name, avoiding: reservedPeripheralMembers) }

    /// Static members of a microcontroller's namespace and of its `InterruptHandlers`.
    public static let reservedPeripheralMembers: Set<String> = awkwardMembers.union(["layout", "bus", "handle", "unnamedInterrupt"])

    /// An enum case of a field enumeration.
    public static func enumCase(_ name: String) -> String { member(name, avoiding: reservedEnumMembers) }

    /// The per-source handler method of a driver: `handleFactorialInterrupt`.
    public static func interruptHandler(_ source: String) -> String {
        "handle" + SwiftName.upperCamel(source) + "Interrupt"
    }

    private static func member(_ name: String, avoiding reserved: Set<String>) -> String {
        let identifier = SwiftName.lowerCamel(name)
        return reserved.contains(identifier) ? identifier + "_" : identifier
    }

    private static func typeName(_ name: String) -> String {
        let identifier = SwiftName.upperCamel(name)
        return reservedTypes.contains(identifier) ? identifier + "_" : identifier
    }

    /// Words Swift does not accept as a member name even in backticks, or only awkwardly.
    private static let awkwardMembers: Set<String> = ["self", "Type", "Protocol", "init", "_"]

    /// Members every register value type declares.
    public static let reservedFieldMembers: Set<String> = awkwardMembers.union([
        "rawValue", "description", "resetValue", "reset", "withActionsNeutral", "writeOneActionMask",
        "writeZeroActionMask", "clear", "set", "toggle", "hashValue", "hash", "debugDescription", "layout",
    ])

    /// Members every register block declares.
    public static let reservedBlockMembers: Set<String> = awkwardMembers.union(["bus", "barIndex", "layout"])

    /// Members of a generated driver: an actor conforming to the runtime's `PCIDriver` (its
    /// requirements and extension members), the members every actor has, and `configSpace`.
    /// ReservedNamesTests checks this against the members the built runtime declares.
    public static let reservedDriverMembers: Set<String> = awkwardMembers.union([
        // PCIDriver: the lifecycle, the hooks, and the runtime's services for driver code.
        "queue", "service", "start", "stop", "didStart", "willStop", "willPause", "didResume", "deviceDidDisappear",
        "provider", "properties", "isDeviceGone", "isRegistered", "isPaused", "interruptSources", "interruptsConfigured",
        "setProperty", "registerService", "checkPresence", "pause", "resume", "run",
        "clock", "sleep", "blockingSleep", "wait", "completion", "makeTimer", "allocateDMABuffer",
        // Actor.
        "unownedExecutor", "assumeIsolated", "assertIsolated", "preconditionIsolated", "withSerialExecutor",
        // Generated, and kept from earlier releases so generated names do not change.
        "configSpace", "description", "layout", "memoryIndex", "deviceGone", "isRunning", "name",
    ])

    /// Members every structure value type declares.
    public static let reservedStructureMembers: Set<String> = awkwardMembers.union([
        "bytes", "size", "description", "hashValue", "hash", "copyBytes", "init",
    ])

    /// Members every field enum declares.
    public static let reservedEnumMembers: Set<String> = awkwardMembers.union([
        "rawValue", "description", "unknown", "hashValue", "hash", "allCases", "fieldLayout",
    ])

    /// Type names that would shadow what generated code uses, or that Swift reserves.
    public static let reservedTypes: Set<String> = [
        "Type", "Protocol", "Self", "Any", "Swift", "DriverRuntime", "Foundation", "Dispatch",
        "Bool", "Int", "UInt8", "UInt16", "UInt32", "UInt64", "String", "Never", "Optional",
        "RawValue", "Raw", "Register", "RegisterArray", "RegisterBus", "RegisterBlock", "RegisterValue",
        "ReadWrite", "ReadOnly", "WriteOnly", "Bus", "Clearable", "Settable", "Toggleable",
        "ConfigSpace", "ValueFormatting", "_",
        "RegisterCore", "PointerBus", "WindowBus", "Peripherals", "Interrupt", "InterruptHandlers",
    ]

    /// Device names refused outright: they would shadow modules generated code imports.
    public static let reservedDeviceNames: Set<String> = [
        "Swift", "DriverRuntime", "DriverSimulator", "Foundation", "Dispatch", "Synchronization",
        "Glibc", "Darwin", "Musl", "Testing", "XCTest", "GeneratedDrivers", "CVolatile", "RegisterCore",
    ]
}
