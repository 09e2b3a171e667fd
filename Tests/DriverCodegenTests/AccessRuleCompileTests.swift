import Foundation
import TestSupport
import Testing

/// Illegal register accesses must not compile; the legal twin of each must.
/// The compiler runs on snippets that use the generated edu and BoltStore types.
@Suite struct AccessRuleCompileTests {
    static let prelude = """
        import DriverRuntime
        import GeneratedDrivers

        func check(_ bus: InMemoryBus) {
            let edu = Edu.Mmio(bus: bus)
            let store = BoltStore.Registers(bus: bus)
            _ = (edu, store)

        """

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let illegal: String
        let legal: String
        /// Part of the compiler's complaint about the illegal line.
        let complaint: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "write a read-only field",
            illegal: "edu.status.modify { $0.computing = true }",
            legal: "edu.status.modify { $0.raiseInterruptOnCompletion = !$0.computing }",
            complaint: "'computing' is a get-only property"),
        Case(
            name: "read a write-only register",
            illegal: "_ = edu.interruptAcknowledge.read()",
            legal: "edu.interruptAcknowledge.write { $0.factorial = true }",
            complaint: "requires that 'WriteOnly' conform to 'ReadableRegisterAccess'"),
        Case(
            name: "assign a write-1-to-clear flag false",
            illegal: "store.interruptStatus.modify { $0.adminComplete = false }",
            legal: "store.interruptStatus.modify { $0.clear(.adminComplete) }",
            complaint: "'adminComplete' is a get-only property"),
        Case(
            name: "write a read-only register",
            illegal: "edu.identification.write { _ in }",
            legal: "_ = edu.identification.read().major",
            complaint: "requires that 'ReadOnly' conform to 'WritableRegisterAccess'"),
        Case(
            name: "modify a write-only register",
            illegal: "edu.interruptRaise.modify { $0.dma = true }",
            legal: "edu.interruptRaise.write { $0.dma = true }",
            complaint: "'ReadWrite'"),
        Case(
            name: "set a write-1-to-set bit by assignment",
            illegal: "store.control.modify { $0.softReset = true }",
            legal: "store.control.modify { $0.set(.softReset) }",
            complaint: "'softReset' is a get-only property"),
        Case(
            name: "clear through an alias that sets",
            illegal: "store.interruptMaskSet.clear(.ioComplete)",
            legal: "store.interruptMaskClear.clear(.ioComplete)",
            complaint: "requires the types 'SetsOnes' and 'ClearsOnes' be equivalent"),
        Case(
            name: "read a write-only alias",
            illegal: "_ = store.interruptMaskClear.read()",
            legal: "_ = store.interruptMask.read().ioComplete",
            complaint: "requires that 'WriteOnly' conform to 'ReadableRegisterAccess'"),
        Case(
            name: "read a register the device takes only in parts as one 64-bit value of another type",
            illegal: "let time: UInt32 = store.hostTime.read().value",
            legal: "let time: UInt64 = store.hostTime.read().value; _ = time",
            complaint: "cannot convert value of type 'UInt64'"),
        Case(
            name: "write half of a register the device takes only whole",
            illegal: "store.version.lowHalf.write(1)",
            legal: "store.adminQueueBase.lowHalf.write(1)",
            complaint: "HalfAccessibleRegisterValue"),
    ]

    @Test(arguments: cases)
    func illegalAccessDoesNotCompile(_ rule: Case) throws {
        let result = try SwiftTypeChecker.typeCheck(snippet: Self.prelude + "    " + rule.illegal + "\n}\n")
        #expect(result.status != 0, "'\(rule.illegal)' compiled")
        #expect(result.errors.contains(rule.complaint), "\(result.errors)")
    }

    @Test func everyLegalTwinCompiles() throws {
        let body = Self.cases.map { "    " + $0.legal }.joined(separator: "\n")
        let result = try SwiftTypeChecker.typeCheck(snippet: Self.prelude + body + "\n}\n")
        #expect(result.status == 0, "\(result.errors)")
    }
}
