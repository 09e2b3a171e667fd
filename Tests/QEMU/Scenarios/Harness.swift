#if os(Linux)
import DriverRuntime
import VFIOHost

/// A minimal test harness for the guest: no test framework runs in a static initramfs
/// executable, so scenarios report through this, one line each, and the run ends with
/// `N passed, N failed`, which the host script checks.
@MainActor
final class Harness {
    private(set) var passed = 0
    private(set) var failed = 0
    private var failures: [String] = []

    /// Runs one scenario: it passes when `body` returns without a failed check or an error.
    func scenario(_ name: String, _ body: () async throws -> Void) async {
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
            print("PASS \(name) (\(milliseconds) ms)")
        } else {
            failed += 1
            print("FAIL \(name) (\(milliseconds) ms)")
            for failure in failures { print("    \(failure)") }
        }
    }

    /// Records a failure of the current scenario unless `condition` holds.
    func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) {
        if !condition { failures.append("line \(line): \(message())") }
    }

    /// Records a failure unless `actual == expected`.
    func expectEqual<Value: Equatable>(_ actual: Value, _ expected: Value, _ what: String, line: Int = #line) {
        if actual != expected { failures.append("line \(line): \(what): expected \(expected), got \(actual)") }
    }

    /// The summary line the host script reads.
    var summary: String { "\(passed) passed, \(failed) failed" }
}

/// A scenario gave up (a device is missing, a step cannot go on).
struct ScenarioError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// PCI functions in the guest by vendor and device id.
enum GuestDevices {
    /// The address of the first function with these ids.
    static func find(vendor: UInt16, device: UInt16) throws -> PCIAddress {
        for name in listDirectory("/sys/bus/pci/devices") {
            guard let address = PCIAddress(name),
                  readHex("/sys/bus/pci/devices/\(name)/vendor") == UInt64(vendor),
                  readHex("/sys/bus/pci/devices/\(name)/device") == UInt64(device) else { continue }
            return address
        }
        throw ScenarioError("no PCI function \(hex(vendor)):\(hex(device)) in the guest")
    }

    private static func hex(_ value: UInt16) -> String { String(value, radix: 16) }
}
#endif
