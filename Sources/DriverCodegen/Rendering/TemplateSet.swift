import DriverTemplates
import Foundation
import Mustache

/// The templates generation renders with: DriverGen's own, or a user's copies of some of them.
public struct TemplateSet: Sendable {
    /// A template that failed to load or parse.
    public struct LoadError: Error, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path):1:1: error: \(message)" }
    }

    let library: MustacheLibrary

    /// DriverGen's bundled templates.
    public static func bundled() -> TemplateSet {
        do {
            return try TemplateSet(sources: DriverTemplates.bundled, origin: { "<bundled>/\($0).mustache" })
        } catch {
            preconditionFailure("bundled templates must parse: \(error)")
        }
    }

    /// The bundled templates, with every `NAME.mustache` in `directory` replacing the one of that name.
    public static func overriding(from directory: String) throws(LoadError) -> TemplateSet {
        var sources = DriverTemplates.bundled
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw LoadError(path: directory, message: "cannot read the templates folder")
        }
        var paths: [String: String] = [:]
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let path = (directory as NSString).appendingPathComponent(file)
            guard DriverTemplates.bundled[name] != nil else {
                throw LoadError(path: path, message: "no template is named '\(name)'; expected one of: \(DriverTemplates.bundled.keys.sorted().joined(separator: ", "))")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw LoadError(path: path, message: "cannot read the template as UTF-8 text")
            }
            sources[name] = text
            paths[name] = path
        }
        return try TemplateSet(sources: sources, origin: { paths[$0] ?? "<bundled>/\($0).mustache" })
    }

    private init(sources: [String: String], origin: (String) -> String) throws(LoadError) {
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw LoadError(path: origin(name), message: "invalid Mustache template: \(error)")
            }
        }
        self.library = library
    }

    /// Renders template `name` with `model`.
    func render(_ name: String, _ model: Any) -> String {
        guard let text = library.render(model, withTemplate: name) else {
            preconditionFailure("template '\(name)' is not registered")
        }
        return text
    }
}
