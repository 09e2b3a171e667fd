import ArgumentParser
import DriverSpec
import Foundation

/// Defaults for `generate` read from `drivergen.json` at the package root (or `--config`):
///
/// ```json
/// { "specs": ["Specs"], "output": "Generated", "templates": "Templates/Custom" }
/// ```
///
/// Command-line arguments win over the file. Paths are relative to the file's folder.
struct GenerationConfig: Decodable, Equatable {
    static let defaultFileName = "drivergen.json"

    var specs: [String]?
    var output: String?
    var templates: String?

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
        do {
            var config = try JSONDecoder().decode(GenerationConfig.self, from: data)
            let base = (path as NSString).deletingLastPathComponent
            if !base.isEmpty {
                config.specs = config.specs?.map { (base as NSString).appendingPathComponent($0) }
                config.output = config.output.map { (base as NSString).appendingPathComponent($0) }
                config.templates = config.templates.map { (base as NSString).appendingPathComponent($0) }
            }
            return config
        } catch {
            Console.report([.error(at: .start(of: path), "invalid configuration: \(Self.describe(error))",
                                   hint: "expected {\"specs\": [...], \"output\": \"...\", \"templates\": \"...\"}")])
            throw ExitCode.failure
        }
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
