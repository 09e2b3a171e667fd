import Foundation
import TestSupport
import Testing

/// A driver's state belongs to its actor: code that touches it from outside the driver's
/// isolation does not compile, and the legal twin of each case (with `await`, or isolated to
/// the driver) does.
@Suite struct IsolationCompileTests {
    static let prelude = """
        import DriverRuntime
        import GeneratedDrivers

        actor CountingDriver: EduDriverBase {
            nonisolated let queue = DriverQueue(label: "CountingDriver")
            let service = DriverService()
            var interrupts = 0
            init() {}
            func handleFactorialInterrupt(count: UInt64, time: DriverInstant) { interrupts += 1 }
            func handleDmaInterrupt(count: UInt64, time: DriverInstant) {}

        """

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        /// Members of `CountingDriver`, then statements of `check(edu:counting:)`.
        let illegalMembers: String
        let illegalStatements: String
        let legalMembers: String
        let legalStatements: String
        let complaint: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "read driver state from outside without await",
            illegalMembers: "", illegalStatements: "_ = edu.factorials",
            legalMembers: "", legalStatements: "_ = await edu.factorials",
            complaint: "actor-isolated property 'factorials' cannot be accessed from outside of the actor"),
        Case(
            name: "call a driver method synchronously from outside",
            illegalMembers: "", illegalStatements: "edu.computeFactorial(3)",
            legalMembers: "", legalStatements: "await edu.computeFactorial(3)",
            complaint: "actor-isolated instance method 'computeFactorial' cannot be called from outside of the actor"),
        Case(
            name: "touch registers of a driver from outside",
            illegalMembers: "", illegalStatements: "edu.mmio.factorial.write { $0.value = 5 }",
            legalMembers: "", legalStatements: "await edu.run { driver in driver.mmio.factorial.write { $0.value = 5 } }",
            complaint: "actor-isolated property 'mmio' cannot be accessed from outside of the actor"),
        Case(
            name: "a nonisolated driver method that touches driver state",
            illegalMembers: "nonisolated func peek() -> Int { interrupts }", illegalStatements: "",
            legalMembers: "func peek() -> Int { interrupts }", legalStatements: "_ = await counting.peek()",
            complaint: "actor-isolated property 'interrupts' can not be referenced from a nonisolated context"),
        Case(
            name: "a timer handler that captures self instead of taking the isolated driver",
            illegalMembers: "func arm() throws { let timer = try makeTimer { _, _ in self.interrupts += 1 }; timer.wake(after: .seconds(1)) }",
            illegalStatements: "",
            legalMembers: "func arm() throws { let timer = try makeTimer { driver, _ in driver.interrupts += 1 }; timer.wake(after: .seconds(1)) }",
            legalStatements: "try await counting.arm()",
            complaint: "actor-isolated property 'interrupts' can not be mutated from a nonisolated context"),
        Case(
            name: "driver state mutated from a detached task",
            illegalMembers: "func spawn() { Task.detached { self.interrupts = 0 } }", illegalStatements: "",
            legalMembers: "func spawn() { Task.detached { await self.reset() } }\n    func reset() { interrupts = 0 }", legalStatements: "await counting.spawn()",
            complaint: "actor-isolated property 'interrupts' can not be mutated from a nonisolated context"),
    ]

    static func source(members: String, statements: String) -> String {
        prelude + "    " + members + "\n}\n\nfunc check(edu: EduDriver, counting: CountingDriver) async throws {\n    " + statements + "\n}\n"
    }

    @Test(arguments: cases)
    func touchingDriverStateOutsideItsIsolationDoesNotCompile(_ rule: Case) throws {
        let result = try SwiftTypeChecker.typeCheck(snippet: Self.source(members: rule.illegalMembers, statements: rule.illegalStatements))
        #expect(result.status != 0, "'\(rule.illegalMembers)\(rule.illegalStatements)' compiled")
        #expect(result.errors.contains(rule.complaint), "\(result.errors)")
    }

    @Test func everyLegalTwinCompiles() throws {
        let members = Self.cases.map(\.legalMembers).filter { !$0.isEmpty }.joined(separator: "\n    ")
        let statements = Self.cases.map(\.legalStatements).joined(separator: "\n    ")
        let result = try SwiftTypeChecker.typeCheck(snippet: Self.source(members: members, statements: statements))
        #expect(result.status == 0, "\(result.errors)")
    }
}
