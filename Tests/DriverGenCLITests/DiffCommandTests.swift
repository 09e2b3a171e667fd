import Foundation
import TestSupport
import Testing

/// `drivergen diff` on files and against git revisions; exit statuses.
@Suite struct DiffCommandTests {
    /// A temporary git repository holding a copy of the bundled specs, committed.
    struct Repository {
        let root: URL

        init() throws {
            root = try TestSupport.Repository.temporaryDirectory()
            try FileManager.default.copyItem(at: TestSupport.Repository.specs, to: root.appendingPathComponent("Specs"))
            try git("init", "-q")
            try git("add", "-A")
            try git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "specs")
        }

        @discardableResult
        func git(_ arguments: String...) throws -> Shell.Result {
            let result = try Shell.run("git", Array(arguments), in: root)
            #expect(result.status == 0, "git \(arguments): \(result.errors)")
            return result
        }

        func edit(_ file: String, _ old: String, _ new: String) throws {
            let url = root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }

        func diff(_ arguments: [String]) throws -> Shell.Result {
            try CLI.run(["diff"] + arguments, in: root)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func againstHEADReportsExactlyTheWorkTreesChanges() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let clean = try repository.diff(["--against", "HEAD"])
        #expect(clean.status == 0, "\(clean.errors)")
        #expect(clean.output == "no changes\n")

        try repository.edit("Specs/edu.yaml", "offset: 0x20", "offset: 0x28")
        try repository.edit("Specs/boltstore.yaml", "probe-score: 5000", "probe-score: 6000")
        let result = try repository.diff(["--against", "HEAD"])
        #expect(result.status == 1, "a breaking finding fails by default")
        #expect(
            result.output == """
                Specs/edu.yaml:60:17: breaking: register 'status' moved from 0x20 to 0x28 [register-moved]
                Specs/boltstore.yaml:21:16: warning: the probe score changed from 5000 to 6000 [probe-score-changed]
                1 breaking, 1 warning, 0 info

                """)
        let json = try repository.diff(["--against", "HEAD", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.compactMap { ($0["oldLocation"] as? [String: Any])?["file"] as? String } == ["Specs/edu.yaml@HEAD", "Specs/boltstore.yaml@HEAD"])
    }

    @Test func addedAndDeletedSpecFilesCount() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try FileManager.default.removeItem(at: repository.root.appendingPathComponent("Specs/ivshmem.yaml"))
        try FileManager.default.copyItem(
            at: TestSupport.Repository.root.appendingPathComponent("Tests/ConsumerPackage/Specs/thermal.yaml"),
            to: repository.root.appendingPathComponent("Specs/thermal.yaml"))
        let result = try repository.diff(["--against", "HEAD"])
        #expect(result.status == 1)
        #expect(
            result.output == """
                Specs/ivshmem.yaml@HEAD:7:1: breaking: device 'Ivshmem' was removed [device-removed]
                Specs/thermal.yaml:4:1: info: device 'Thermal' was added [device-added]
                1 breaking, 0 warnings, 1 info

                """)
        let onlyAdded = try repository.diff(["--against", "HEAD", "Specs/thermal.yaml"])
        #expect(onlyAdded.status == 0)
        #expect(onlyAdded.output.hasSuffix("0 breaking, 0 warnings, 1 info\n"))
    }

    @Test func failOnDecidesTheExitStatus() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.edit("Specs/boltstore.yaml", "probe-score: 5000", "probe-score: 6000")
        #expect(try repository.diff(["--against", "HEAD"]).status == 0, "a warning passes --fail-on breaking")
        #expect(try repository.diff(["--against", "HEAD", "--fail-on", "warning"]).status == 1)
        #expect(try repository.diff(["--against", "HEAD", "--fail-on", "info"]).status == 1)
        try repository.edit("Specs/boltstore.yaml", "devices: [0x5100, 0x5101]", "devices: [0x5100]")
        #expect(try repository.diff(["--against", "HEAD", "--fail-on", "never"]).status == 0)
    }

    @Test func anInvalidSpecOnEitherSideIsAToolError() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.edit("Specs/edu.yaml", "offset: 0x20", "offset: 0x22")
        let newSide = try repository.diff(["--against", "HEAD"])
        #expect(newSide.status == 2)
        #expect(newSide.output.isEmpty, "no diff is printed")
        #expect(newSide.errors.contains("Specs/edu.yaml:60:17: error: register 'status' at 0x22 is not aligned"))

        try repository.git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-am", "broken")
        try repository.edit("Specs/edu.yaml", "offset: 0x22", "offset: 0x20")
        let oldSide = try repository.diff(["--against", "HEAD"])
        #expect(oldSide.status == 2)
        #expect(oldSide.errors.contains("Specs/edu.yaml@HEAD:60:17: error: register 'status' at 0x22 is not aligned"))

        let files = try repository.diff(["Specs/edu.yaml", "/nonexistent.yaml"])
        #expect(files.status == 2)
        #expect(files.errors.contains("/nonexistent.yaml:1:1: error: cannot read the file"))
        let badRevision = try repository.diff(["--against", "no-such-branch"])
        #expect(badRevision.status == 2)
        #expect(badRevision.errors.contains("'no-such-branch' is not a commit"))
    }

    @Test func twoFilesCompareDirectly() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let copy = repository.root.appendingPathComponent("edu-v2.yaml")
        try FileManager.default.copyItem(at: repository.root.appendingPathComponent("Specs/edu.yaml"), to: copy)
        try repository.edit("edu-v2.yaml", "tunnel-compatible: true", "tunnel-compatible: false")
        let result = try repository.diff(["Specs/edu.yaml", "edu-v2.yaml", "--format", "github"])
        #expect(result.status == 1)
        #expect(
            result.output
                == "::error file=edu-v2.yaml,line=13,col=22,title=tunnel-compatibility-dropped (breaking)::'tunnel-compatible' was dropped: the driver no longer matches over Thunderbolt\n"
        )
    }
}
