import DriverSpec

/// A register map as the source file describes it, before it becomes a spec: blocks
/// (SVD peripherals, IP-XACT address blocks) of registers of fields. Readers fill it in with
/// inheritance (`derivedFrom`, default sizes and access) already resolved and clusters /
/// register files flattened.
struct SourceMap: Sendable {
    var name: String
    var description: String?
    var blocks: [SourceBlock]
    /// The processor core (SVD's `<cpu><name>`), if the source says.
    var cpu: String? = nil
    /// Interrupt lines (SVD's `<interrupt>` of each peripheral), in source order.
    var interrupts: [SourceInterrupt] = []
}

/// An interrupt line of a microcontroller.
struct SourceInterrupt: Sendable {
    var name: String
    /// The block (SVD peripheral) that declares it.
    var block: String
    var description: String?
    var number: Int
    var location: SourceLocation
}

/// An SVD peripheral or an IP-XACT address block.
struct SourceBlock: Sendable {
    var name: String
    var description: String?
    var baseAddress: UInt64
    var registers: [SourceRegister]
    var location: SourceLocation
}

/// How software may access a register or field, in the words SVD and IP-XACT share.
struct SourceAccess: Sendable, Equatable {
    /// `read-write`, `read-only`, `write-only`, `writeOnce`, `read-writeOnce`; nil when unsaid.
    var access: String?
    /// `oneToClear`, `oneToSet`, `oneToToggle`, `zeroToClear`, `zeroToSet`, `zeroToToggle`,
    /// `clear`, `set`, `modify`.
    var modifiedWriteValues: String?
    /// `clear`, `set`, `modify`, `modifyExternal`.
    var readAction: String?

    /// `self`, with what it leaves unsaid taken from `outer`.
    func inheriting(_ outer: SourceAccess) -> SourceAccess {
        SourceAccess(
            access: access ?? outer.access,
            modifiedWriteValues: modifiedWriteValues ?? outer.modifiedWriteValues,
            readAction: readAction ?? outer.readAction)
    }
}

/// Repetition: `count` copies, `increment` bytes apart.
struct SourceDimension: Sendable, Equatable {
    var count: Int
    var increment: UInt64
}

struct SourceRegister: Sendable {
    var name: String
    var description: String?
    /// From the block's base.
    var offset: UInt64
    /// Bits.
    var size: Int
    var access: SourceAccess
    var resetValue: UInt64
    var resetMask: UInt64
    var fields: [SourceField]
    /// An array of registers, numbered from 0.
    var dimension: SourceDimension?
    var location: SourceLocation
}

struct SourceField: Sendable {
    var name: String
    var description: String?
    var lsb: Int
    var width: Int
    var access: SourceAccess
    /// The field's own reset (IP-XACT 2014), over the register's.
    var reset: UInt64?
    var enumeratedValues: [SourceEnumeratedValues]
    var location: SourceLocation
}

/// One set of named values of a field, and which accesses it describes.
struct SourceEnumeratedValues: Sendable {
    /// `read`, `write` or `read-write`.
    var usage: String
    var values: [SourceEnumeratedValue]
}

struct SourceEnumeratedValue: Sendable {
    var name: String
    var description: String?
    /// nil for a default case (`isDefault`) or a value with don't-care bits.
    var value: UInt64?
    /// The value as written, for messages.
    var literal: String
    var location: SourceLocation
}

/// What an import could not carry over into the spec, counted as the source counts (an array
/// of four registers is four); each loss is also a warning.
public struct ImportLosses: Sendable, Equatable {
    public var registers = 0
    public var fields = 0
    public var enumValues = 0

    public init(registers: Int = 0, fields: Int = 0, enumValues: Int = 0) {
        self.registers = registers
        self.fields = fields
        self.enumValues = enumValues
    }

    public static func + (lhs: ImportLosses, rhs: ImportLosses) -> ImportLosses {
        ImportLosses(registers: lhs.registers + rhs.registers, fields: lhs.fields + rhs.fields, enumValues: lhs.enumValues + rhs.enumValues)
    }
}
