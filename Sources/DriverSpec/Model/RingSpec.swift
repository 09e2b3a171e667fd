/// A ring of structures in DMA memory that the driver and the device take turns on: submission
/// and completion queues, descriptor rings. `rings:` in a spec.
public struct RingSpec: Sendable {
    /// Who fills the entries.
    public enum Role: String, Sendable, CaseIterable {
        /// The driver fills entries and moves the tail; the device consumes them (submission
        /// queues, transmit rings).
        case producer
        /// The device fills entries; the driver takes each new one and moves the head
        /// (completion queues).
        case consumer
    }

    /// How the side that reads entries tells a new (or finished) entry from an old one.
    public enum Readiness: Sendable, Equatable {
        /// A 1-bit field the writer sets to the ring's current phase, which flips at every wrap (NVMe).
        case phase(field: String)
        /// A 1-bit field the device sets when it is done with the entry (e1000e's descriptor done).
        case done(field: String)

        public var field: String {
            switch self {
            case .phase(let field), .done(let field): field
            }
        }
    }

    public var name: String
    /// The entry structure's name.
    public var entry: String
    public var role: Role
    public var entries: EntryCountRule
    /// The register the driver writes its index to: the tail of a producer ring, the head of a
    /// consumer ring. When it is an array register (NVMe's doorbells), each element is one ring.
    public var doorbell: String
    /// The register where the device reports its own index, when it has one (e1000e's TDH).
    public var deviceIndex: String?
    public var readiness: Readiness?
    public var description: String?
    public var source: SourceMap

    public init(
        name: String, entry: String, role: Role, entries: EntryCountRule, doorbell: String, deviceIndex: String?,
        readiness: Readiness?, description: String?, source: SourceMap
    ) {
        self.name = name
        self.entry = entry
        self.role = role
        self.entries = entries
        self.doorbell = doorbell
        self.deviceIndex = deviceIndex
        self.readiness = readiness
        self.description = description
        self.source = source
    }
}

/// What entry counts a ring may have.
public struct EntryCountRule: Sendable, Equatable {
    public var minimum: Int
    public var maximum: Int
    public var powerOfTwo: Bool
    public var multipleOf: Int

    public init(minimum: Int, maximum: Int, powerOfTwo: Bool, multipleOf: Int) {
        self.minimum = minimum
        self.maximum = maximum
        self.powerOfTwo = powerOfTwo
        self.multipleOf = multipleOf
    }

    public static let any = EntryCountRule(minimum: 2, maximum: 65536, powerOfTwo: false, multipleOf: 1)
}
