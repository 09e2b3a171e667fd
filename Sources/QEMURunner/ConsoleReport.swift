import Foundation

/// What the guest's console says: each scenario's record, the guest's totals, whether it
/// finished, and how it ended when it did not.
public struct ConsoleReport: Equatable, Sendable {
    public struct Scenario: Equatable, Sendable {
        public var name: String
        public var passed: Bool
        public var failures: [String]
    }

    public var scenarios: [Scenario] = []
    /// The guest's own `N passed, N failed` line, if it printed one.
    public var totals: (passed: Int, failed: Int)?
    public var started = false
    public var guestExitStatus: Int?
    public var finished = false
    /// A kernel panic line, if any.
    public var panic: String?

    public static func == (lhs: ConsoleReport, rhs: ConsoleReport) -> Bool {
        lhs.scenarios == rhs.scenarios && lhs.totals?.passed == rhs.totals?.passed && lhs.totals?.failed == rhs.totals?.failed
            && lhs.started == rhs.started && lhs.guestExitStatus == rhs.guestExitStatus && lhs.finished == rhs.finished && lhs.panic == rhs.panic
    }

    public init(console: String) {
        // A serial console ends lines with "\r\n" (one Character in Swift), and the firmware's
        // terminal resets can stand before the first marker.
        for line in Self.lines(console) {
            if line.hasPrefix("drivergen-scenario: "), let scenario = Self.scenario(from: String(line.dropFirst("drivergen-scenario: ".count))) {
                scenarios.append(scenario)
            } else if line.hasSuffix(Initramfs.Marker.started) {
                started = true
            } else if let range = line.range(of: Initramfs.Marker.exitStatus) {
                guestExitStatus = Int(line[range.upperBound...])
            } else if line.hasSuffix(Initramfs.Marker.done) {
                finished = true
            } else if panic == nil, line.contains("Kernel panic") {
                panic = line.trimmingCharacters(in: .whitespaces)
            } else if let totals = Self.totals(line) {
                self.totals = totals
            }
        }
    }

    /// The console's lines, whatever ends them.
    public static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    /// `N passed, N failed`.
    public static func totals(_ line: String) -> (passed: Int, failed: Int)? {
        let words = line.split(separator: " ")
        guard words.count == 4, words[1] == "passed,", words[3] == "failed", let passed = Int(words[0]), let failed = Int(words[2]) else { return nil }
        return (passed, failed)
    }

    private static func scenario(from json: String) -> Scenario? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let name = object["name"] as? String, let result = object["result"] as? String
        else { return nil }
        return Scenario(name: name, passed: result == "pass", failures: object["failures"] as? [String] ?? [])
    }
}
