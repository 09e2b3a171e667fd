import DriverSpec
import Foundation

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), which code review tools and
/// code scanning read: one run of the tool `drivergen diff`, a reporting descriptor per rule
/// that occurs, one result per finding with its rule, level and spec location.
extension DiffReport {
    struct SARIFLog: Encodable {
        struct Run: Encodable {
            let tool: Tool
            let results: [Result]
        }

        struct Tool: Encodable {
            let driver: Driver
        }

        struct Driver: Encodable {
            let name: String
            let rules: [Rule]
        }

        struct Rule: Encodable {
            let id: String
            let defaultConfiguration: Configuration
        }

        struct Configuration: Encodable {
            let level: String
        }

        struct Result: Encodable {
            let ruleId: String
            let ruleIndex: Int
            let level: String
            let message: Message
            let locations: [Location]
            let properties: Properties
        }

        struct Message: Encodable {
            let text: String
        }

        struct Location: Encodable {
            let physicalLocation: PhysicalLocation
        }

        struct PhysicalLocation: Encodable {
            let artifactLocation: ArtifactLocation
            let region: Region
        }

        struct ArtifactLocation: Encodable {
            let uri: String
        }

        struct Region: Encodable {
            let startLine: Int
            let startColumn: Int
        }

        /// What the JSON format also says: the element's path and its old and new values.
        struct Properties: Encodable {
            let path: String
            let old: String?
            let new: String?
        }

        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    /// Breaking findings are errors, warnings warnings, information notes.
    static func sarifLevel(_ level: DiffLevel) -> String {
        switch level {
        case .breaking: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    func renderSARIF() throws(DiffReportError) -> String {
        let rules = Array(Set(findings.map(\.rule))).sorted { $0.rawValue < $1.rawValue }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        let results = findings.map { finding in
            SARIFLog.Result(
                ruleId: finding.rule.rawValue, ruleIndex: ruleIndex[finding.rule] ?? 0, level: Self.sarifLevel(finding.level),
                message: .init(text: finding.message),
                locations: finding.location.map { [Self.sarifLocation($0)] } ?? [],
                properties: .init(path: finding.path, old: finding.oldValue, new: finding.newValue))
        }
        let log = SARIFLog(runs: [
            .init(
                tool: .init(
                    driver: .init(
                        name: "drivergen diff",
                        rules: rules.map { .init(id: $0.rawValue, defaultConfiguration: .init(level: Self.sarifLevel($0.level))) })),
                results: results)
        ])
        return try Self.encoded(log)
    }

    /// A spec location as SARIF wants it: the file as a URI, percent-encoded (a relative reference
    /// for a relative path, `file://` for an absolute one; `Specs/edu.yaml@HEAD` stays as the diff
    /// names the old revision), line and column from 1.
    private static func sarifLocation(_ location: SourceLocation) -> SARIFLog.Location {
        let path = location.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? location.file
        let uri = location.file.hasPrefix("/") ? "file://" + path : path
        return SARIFLog.Location(
            physicalLocation: .init(
                artifactLocation: .init(uri: uri), region: .init(startLine: max(location.line, 1), startColumn: max(location.column, 1))))
    }
}
