import DriverSpec
import Foundation

/// The findings of one `drivergen diff` run and how to print them.
public struct DiffReport: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One line per finding, for people: `path:line:col: breaking: message [rule]`.
        case text
        /// A table for a pull-request comment.
        case markdown
        /// Machine-readable; see docs/diff.md for the schema.
        case json
        /// GitHub Actions workflow commands: annotations on the spec lines.
        case github
        /// SARIF 2.1.0, for code review and code scanning tools.
        case sarif
    }

    /// The version of the JSON output's shape.
    public static let jsonSchemaVersion = 1

    public var findings: [DiffFinding]

    public init(findings: [DiffFinding]) {
        self.findings = findings.sorted(by: DiffFinding.readingOrder)
    }

    public func count(_ level: DiffLevel) -> Int { findings.count { $0.level == level } }

    /// Whether any finding is at `level` or above.
    public func hasFindings(atLeast level: DiffLevel) -> Bool { findings.contains { $0.level >= level } }

    public var summary: String {
        let breaking = count(.breaking), warnings = count(.warning), info = count(.info)
        return "\(breaking) breaking, \(warnings) warning\(warnings == 1 ? "" : "s"), \(info) info"
    }

    /// The report in `format`. Only JSON and SARIF can fail (the encoder refusing a value), and then
    /// the error says why rather than printing an empty object.
    public func render(_ format: Format) throws(DiffReportError) -> String {
        switch format {
        case .text: renderText()
        case .markdown: renderMarkdown()
        case .json: try renderJSON()
        case .github: renderGitHub()
        case .sarif: try renderSARIF()
        }
    }

    private func renderText() -> String {
        if findings.isEmpty { return "no changes\n" }
        return findings.map(\.description).joined(separator: "\n") + "\n\(summary)\n"
    }

    private func renderMarkdown() -> String {
        var lines = ["### drivergen diff: \(findings.isEmpty ? "no changes" : summary)", ""]
        guard !findings.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append("| Level | Rule | Change | Where |")
        lines.append("|---|---|---|---|")
        func badge(_ level: DiffLevel) -> String {
            switch level {
            case .breaking: "🔴 breaking"
            case .warning: "🟡 warning"
            case .info: "🔵 info"
            }
        }
        for finding in findings {
            let place = finding.location.map { "`\($0.file):\($0.line)`" } ?? ""
            let message = finding.message.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            lines.append("| \(badge(finding.level)) | `\(finding.rule.rawValue)` | \(message) | \(place) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func renderGitHub() -> String {
        func command(_ level: DiffLevel) -> String {
            switch level {
            case .breaking: "error"
            case .warning: "warning"
            case .info: "notice"
            }
        }
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        return findings.map { finding in
            var properties: [String] = []
            if let location = finding.location {
                properties += ["file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=\(escapeProperty("\(finding.rule.rawValue) (\(finding.level.rawValue))"))")
            return "::\(command(finding.level)) \(properties.joined(separator: ","))::\(escapeData(finding.message))\n"
        }.joined()
    }

    // MARK: JSON

    private struct JSONReport: Encodable {
        struct Summary: Encodable {
            let breaking: Int
            let warning: Int
            let info: Int
        }

        struct Location: Encodable {
            let file: String
            let line: Int
            let column: Int
        }

        struct Finding: Encodable {
            let rule: String
            let level: String
            let message: String
            let path: String
            let old: String?
            let new: String?
            let oldLocation: Location?
            let newLocation: Location?
        }

        let schemaVersion: Int
        let summary: Summary
        let findings: [Finding]
    }

    private func renderJSON() throws(DiffReportError) -> String {
        let location = { (place: SourceLocation?) in place.map { JSONReport.Location(file: $0.file, line: $0.line, column: $0.column) } }
        let report = JSONReport(
            schemaVersion: Self.jsonSchemaVersion,
            summary: .init(breaking: count(.breaking), warning: count(.warning), info: count(.info)),
            findings: findings.map {
                .init(
                    rule: $0.rule.rawValue, level: $0.level.rawValue, message: $0.message, path: $0.path, old: $0.oldValue,
                    new: $0.newValue, oldLocation: location($0.oldLocation), newLocation: location($0.newLocation))
            })
        return try Self.encoded(report)
    }

    /// `value` as pretty-printed JSON with sorted keys (the same bytes for the same report).
    static func encoded(_ value: some Encodable) throws(DiffReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw .encoding(String(describing: error))
        }
    }
}

/// A report that could not be rendered.
public enum DiffReportError: Error, Equatable, CustomStringConvertible {
    /// JSONEncoder refused the report; the encoder's reason.
    case encoding(String)

    public var description: String {
        switch self {
        case .encoding(let reason): "cannot encode the diff report as JSON: \(reason)"
        }
    }
}
