import ArgumentParser
import DriverDiff
import DriverSpec
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what a spec change breaks: moved registers, changed bits, narrowed access, match ids...",
        discussion: """
            Compare two spec files (drivergen diff OLD NEW), or the specs in the work tree with their \
            versions at a git revision (drivergen diff --against REV [SPEC...], default: Specs/). \
            Every change is one finding with a stable rule id and a level: breaking, warning or info.

            Exit status: 0 when no finding is at or above --fail-on; 1 when one is; \
            2 when the diff could not be made (an invalid spec, an unknown revision, an unreadable file).
            """)

    enum FailLevel: String, ExpressibleByArgument, CaseIterable {
        case breaking, warning, info, never
    }

    @Argument(help: "OLD and NEW spec files; with --against, the specs to compare (files or folders).")
    var paths: [String] = []

    @Option(help: "Compare the work tree's specs with their versions at this git revision.")
    var against: String?

    @Option(help: "Output format: text, markdown, json, github or sarif.")
    var format: String = "text"

    @Option(name: .customLong("fail-on"), help: "Exit 1 if a finding is at this level or above: breaking, warning, info or never.")
    var failOn: FailLevel = .breaking

    static let toolErrorStatus: Int32 = 2
    static let findingsStatus: Int32 = 1

    func run() throws {
        guard let format = DiffReport.Format(rawValue: format) else {
            throw ValidationError("unknown format '\(self.format)'; use text, markdown, json, github or sarif")
        }
        let findings: [DiffFinding]
        if let against {
            findings = try compareAgainst(against)
        } else {
            guard paths.count == 2 else {
                throw ValidationError("give OLD and NEW spec files, or --against REV")
            }
            findings = try SpecDiff.compare(load(paths[0], isOld: true), load(paths[1]))
        }
        let report = DiffReport(findings: findings)
        do {
            Console.output(try report.render(format))
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        if let level = DiffLevel(rawValue: failOn.rawValue), report.hasFindings(atLeast: level) {
            throw ExitCode(Self.findingsStatus)
        }
    }

    private func load(_ path: String, isOld: Bool = false) throws -> DeviceSpec {
        try valid(SpecLoader.load(path: path), isOld: isOld)
    }

    /// The spec, or exit 2 when it has errors. Warnings are the new side's business: the old
    /// side's would repeat them (or report what was already fixed).
    private func valid(_ result: SpecLoadResult, isOld: Bool = false) throws -> DeviceSpec {
        Console.report(isOld ? result.diagnostics.filter { $0.severity == .error } : result.diagnostics)
        guard let spec = result.spec else {
            Console.status("cannot diff an invalid spec")
            throw ExitCode(Self.toolErrorStatus)
        }
        return spec
    }

    private func compareAgainst(_ revisionName: String) throws -> [DiffFinding] {
        let revision: GitRevision
        do {
            revision = try GitRevision(revisionName)
        } catch {
            Console.error("error: \(error.message)")
            throw ExitCode(Self.toolErrorStatus)
        }
        let inputs = paths.isEmpty ? [SpecPaths.defaultDirectory] : paths
        var current: [String] = []
        var previous: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), !isDirectory.boolValue {
                current.append(input)
                previous.append(input)
            } else {
                current += isDirectory.boolValue ? SpecLoader.specFiles(in: input) : []
                previous += revision.specFiles(in: input)
            }
        }
        var findings: [DiffFinding] = []
        for path in Set(current + previous).sorted() {
            let normalized = (path as NSString).standardizingPath
            let exists = FileManager.default.fileExists(atPath: path)
            let oldData: Data?
            do { oldData = try revision.contents(of: normalized) } catch {
                Console.error("error: \(error.message)")
                throw ExitCode(Self.toolErrorStatus)
            }
            let old = try oldData.map { try valid(SpecLoader.load(data: $0, file: "\(normalized)@\(revisionName)"), isOld: true) }
            let new = exists ? try load(path) : nil
            switch (old, new) {
            case let (old?, new?): findings += SpecDiff.compare(old, new)
            case let (nil, new?): findings.append(SpecDiff.added(new))
            case let (old?, nil): findings.append(SpecDiff.removed(old))
            case (nil, nil):
                Console.report([.error(at: .start(of: path), "no such spec in the work tree or at \(revisionName)")])
                throw ExitCode(Self.toolErrorStatus)
            }
        }
        return findings
    }
}
