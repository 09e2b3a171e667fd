import Foundation

/// The outcome of loading one spec: the model when it is valid, and every diagnostic.
public struct SpecLoadResult: Sendable {
    /// The validated device, or nil when any error was found.
    public var spec: DeviceSpec?
    /// Errors and warnings, sorted by location.
    public var diagnostics: [Diagnostic]
}

/// Loads spec files: parse (the system libyaml) -> decode -> validate.
public enum SpecLoader {
    /// Loads and validates the spec at `path`; `path` appears in diagnostics as given.
    public static func load(path: String) -> SpecLoadResult {
        finish(YAMLReader.read(path: path))
    }

    /// Loads and validates spec text held in memory; `file` names it in diagnostics.
    public static func load(data: Data, file: String) -> SpecLoadResult {
        finish(YAMLReader.parse(data: data, file: file))
    }

    /// Loads spec text held in memory.
    public static func load(text: String, file: String) -> SpecLoadResult {
        load(data: Data(text.utf8), file: file)
    }

    private static func finish(_ parsed: Result<YAMLNode, Diagnostic>) -> SpecLoadResult {
        let root: YAMLNode
        switch parsed {
        case .success(let node): root = node
        case .failure(let diagnostic): return SpecLoadResult(spec: nil, diagnostics: [diagnostic])
        }
        let sink = DiagnosticSink()
        let decoder = SpecDecoder(sink: sink)
        let spec = decoder.decodeDevice(root)
        if let spec {
            SpecValidator(spec: spec, sink: sink, brokenNames: decoder.brokenNames).validate()
        }
        let diagnostics = sink.finished(file: root.location.file)
        return SpecLoadResult(spec: sink.hasErrors ? nil : spec, diagnostics: diagnostics)
    }

    /// The spec files (`*.yaml`, `*.yml`) under `directory`, recursively, sorted by path.
    public static func specFiles(in directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
            let relative = url.path.dropFirst(base.path.count).drop { $0 == "/" }
            files.append(directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
        }
        return files.sorted()
    }
}
