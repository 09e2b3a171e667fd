import ArgumentParser
import DriverSpec
import Foundation

/// Defaults for `generate` read from `drivergen.json` at the package root (or `--config`):
///
/// ```json
/// { "specs": ["Specs"], "output": "Sources/MyDrivers", "bundle-output": "DriverBundle",
///   "templates": "Templates/Custom" }
/// ```
///
/// Command-line arguments win over the file. Paths are relative to the file's folder.
struct GenerationConfig: Decodable, Equatable {
    static let defaultFileName = "drivergen.json"

    var specs: [String]?
    var output: String?
    var bundleOutput: String?
    var templates: String?

    enum CodingKeys: String, CodingKey {
        case specs, output, templates
        case bundleOutput = "bundle-output"
    }

    /// The configuration at `path`, or at `drivergen.json` in the working directory when no
    /// path is given and the file exists; nil when there is none.
    static func load(explicitPath: String?) throws -> GenerationConfig? {
        let path = explicitPath ?? defaultFileName
        guard FileManager.default.fileExists(atPath: path) else {
            if explicitPath != nil {
                Console.report([.error(at: .start(of: path), "no such configuration file")])
                throw ExitCode.failure
            }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.report([.error(at: .start(of: path), "cannot read the configuration file")])
            throw ExitCode.failure
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            // "qemu" is `drivergen qemu`'s (QEMUConfiguration).
            let known = ["specs", "output", "bundle-output", "templates", "qemu"]
            let unknown = object.keys.filter { !known.contains($0) }.sorted()
            if !unknown.isEmpty {
                Console.report(
                    unknown.map { key in
                        .error(
                            at: location(of: key, in: data, file: path), "unknown key '\(key)' in the configuration",
                            hint: Suggestions.didYouMean(key, in: known) ?? "known keys: \(known.joined(separator: ", "))")
                    })
                throw ExitCode.failure
            }
        }
        do {
            var config = try JSONDecoder().decode(GenerationConfig.self, from: data)
            let base = (path as NSString).deletingLastPathComponent
            if !base.isEmpty {
                config.specs = config.specs?.map { (base as NSString).appendingPathComponent($0) }
                config.output = config.output.map { (base as NSString).appendingPathComponent($0) }
                config.bundleOutput = config.bundleOutput.map { (base as NSString).appendingPathComponent($0) }
                config.templates = config.templates.map { (base as NSString).appendingPathComponent($0) }
            }
            return config
        } catch {
            Console.report([
                .error(
                    at: .start(of: path), "invalid configuration: \(Self.describe(error))",
                    hint: "expected {\"specs\": [...], \"output\": \"...\", \"bundle-output\": \"...\", \"templates\": \"...\"}")
            ])
            throw ExitCode.failure
        }
    }

    /// Where `"key"` is first written in the JSON text (the start of the file if not found).
    private static func location(of key: String, in data: Data, file: String) -> SourceLocation {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: "\"\(key)\"") else { return .start(of: file) }
        let before = text[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return SourceLocation(file: file, line: line, column: text[lineStart..<range.lowerBound].unicodeScalars.count + 1)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path.isEmpty ? "" : "'\(path)': ")\(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }
}
