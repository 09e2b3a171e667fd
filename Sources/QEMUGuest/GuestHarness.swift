#if os(Linux)
import DriverRuntime
import Glibc

/// Runs named scenarios inside a QEMU guest and reports them for `drivergen qemu`: one line per
/// scenario for people (`PASS name (12 ms)` or `FAIL name`, then what failed), one JSON line per
/// scenario for the runner (`drivergen-scenario: {...}`), and at the end `N passed, N failed`.
///
/// ```swift
/// let harness = GuestHarness()
/// await harness.scenario("edu: the identification register") {
///     let attachment = try await host.attach(vendor: 0x1234, device: 0x11E8, bind: true)
///     harness.expectEqual(await attachment.driver(as: EduDriver.self).version()?.major, 1, "major version")
/// }
/// harness.finish()
/// ```
@MainActor
public final class GuestHarness {
    public private(set) var passed = 0
    public private(set) var failed = 0
    private var failures: [String] = []
    private let output: (String) -> Void

    /// `output` receives each line (standard output unless a test captures them).
    public init(output: @escaping (String) -> Void = { print($0) }) {
        self.output = output
    }

    /// Runs one scenario: it passes when `body` returns without a failed check or an error.
    public func scenario(_ name: String, _ body: () async throws -> Void) async {
        failures = []
        let start = MonotonicClock.shared.now
        do {
            try await body()
        } catch {
            failures.append("threw \(error)")
        }
        let milliseconds = start.duration(to: MonotonicClock.shared.now).nanosecondsSaturating / 1_000_000
        if failures.isEmpty {
            passed += 1
            output("PASS \(name) (\(milliseconds) ms)")
        } else {
            failed += 1
            output("FAIL \(name) (\(milliseconds) ms)")
            for failure in failures { output("    \(failure)") }
        }
        output(ScenarioRecord(name: name, passed: failures.isEmpty, milliseconds: milliseconds, failures: failures).line)
    }

    /// Records a failure of the current scenario unless `condition` holds.
    public func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) {
        if !condition { failures.append("line \(line): \(message())") }
    }

    /// Records a failure unless `actual == expected`.
    public func expectEqual<Value: Equatable>(_ actual: Value, _ expected: Value, _ what: String, line: Int = #line) {
        if actual != expected { failures.append("line \(line): \(what): expected \(expected), got \(actual)") }
    }

    /// Prints a detail under the current scenario (indented, so it reads as part of it).
    public func note(_ text: String) {
        output("    \(text)")
    }

    /// The line the runner reads for the totals.
    public var summary: String { "\(passed) passed, \(failed) failed" }

    /// Prints the summary and ends the program: status 0 when every scenario passed.
    public func finish() -> Never {
        output(summary)
        exit(failed == 0 ? 0 : 1)
    }
}
#endif
