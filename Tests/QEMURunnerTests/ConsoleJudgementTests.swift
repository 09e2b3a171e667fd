import Foundation
import Testing

@testable import QEMURunner

/// How a console becomes a verdict: failing scenarios named, totals with the host checks, a
/// panic or an unfinished guest reported with the console's tail.
@Suite struct ConsoleJudgementTests {
    static let passing = """
        drivergen-qemu: guest started
        PASS edu: identification (3 ms)
        drivergen-scenario: {"name":"edu: identification","result":"pass","milliseconds":3,"failures":[]}
        1 passed, 0 failed
        drivergen-qemu: guest exit status 0
        drivergen-qemu: guest done
        """

    func run(hostChecks: [String] = []) -> QEMURun {
        QEMURun(configuration: QEMUConfiguration(guest: "Guest", hostChecks: hostChecks), package: "", system: FakeHost(), log: { _ in })
    }

    @Test func aPassingRunCountsTheGuestAndTheHostChecks() throws {
        let check = try script("echo 'PASS host: the image holds the pattern'")
        let outcome = try run(hostChecks: [check]).judge(console: Self.passing, work: NSTemporaryDirectory())
        #expect(outcome.summary == "2 passed, 0 failed")
    }

    @Test func aSerialConsoleWithCarriageReturnsAndTerminalResets() throws {
        let console = "\u{1B}c\u{1B}[?7l\u{1B}[2J" + Self.passing.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n[    9.38] reboot: Power down\r\n"
        let report = ConsoleReport(console: console)
        #expect(report.started && report.finished && report.guestExitStatus == 0 && report.totals?.passed == 1)
        #expect(try run().judge(console: console, work: NSTemporaryDirectory()).summary == "1 passed, 0 failed")
    }

    @Test func aFailingScenarioIsNamedWithWhatFailed() {
        let console = """
            drivergen-qemu: guest started
            FAIL calculator: 10! through MSI (4 ms)
                line 21: factorial: expected 3628801, got 3628800
            drivergen-scenario: {"name":"calculator: 10! through MSI","result":"fail","milliseconds":4,"failures":["line 21: factorial: expected 3628801, got 3628800"]}
            0 passed, 1 failed
            drivergen-qemu: guest exit status 1
            drivergen-qemu: guest done
            """
        #expect(throws: QEMURunError.failed("scenario failed: calculator: 10! through MSI\n    line 21: factorial: expected 3628801, got 3628800")) {
            _ = try run().judge(console: console, work: NSTemporaryDirectory())
        }
    }

    @Test func aFailingHostCheckIsNamed() throws {
        let check = try script("echo 'FAIL host: the image does not hold the pattern'\nexit 1")
        #expect(throws: QEMURunError.failed("host check failed: host: the image does not hold the pattern")) {
            _ = try run(hostChecks: [check]).judge(console: Self.passing, work: NSTemporaryDirectory())
        }
    }

    @Test func aPanicAndAnUnfinishedGuestAreReported() {
        let console = "drivergen-qemu: guest started\n[    1.2] Kernel panic - not syncing: Attempted to kill init!"
        #expect(
            throws: QEMURunError.failed(
                "the guest kernel panicked: [    1.2] Kernel panic - not syncing: Attempted to kill init!\n"
                    + "the guest did not finish its run (it crashed or hung); the console's last lines:\n" + console + "\n"
                    + "the guest executable printed no 'N passed, N failed' line (exit status unknown): it should end with GuestHarness.finish()")
        ) {
            _ = try run().judge(console: console, work: NSTemporaryDirectory())
        }
    }

    @Test func theReportReadsRecordsWithEscapes() {
        let report = ConsoleReport(console: #"drivergen-scenario: {"name":"a \"quoted\" name","result":"fail","milliseconds":1,"failures":["x\ny"]}"#)
        #expect(report.scenarios == [ConsoleReport.Scenario(name: "a \"quoted\" name", passed: false, failures: ["x\ny"])])
    }
}
