import DriverSpec
import Foundation

/// The generator's core, shared by the `drivergen` tool and the SwiftPM plugin (which runs the
/// tool): specs -> validated models -> rendered files, held in memory until all succeeded.
public enum GenerationPipeline {
    /// What to generate.
    public struct Request: Sendable {
        /// Spec files, in the order given.
        public var specPaths: [String]
        /// A folder of template overrides, if any.
        public var templatesDirectory: String?

        public init(specPaths: [String], templatesDirectory: String? = nil) {
            self.specPaths = specPaths
            self.templatesDirectory = templatesDirectory
        }
    }

    /// Every file generation would write, or the diagnostics that prevent it (warnings ride along).
    public struct Outcome: Sendable {
        /// Nil when any spec had an error: then nothing may be written.
        public var files: [GeneratedFile]?
        public var diagnostics: [Diagnostic]
    }

    public static func render(_ request: Request) -> Outcome {
        // Templates parse on another core while the specs load.
        let templateSet = Deferred { () -> Result<TemplateSet, TemplateSet.LoadError> in
            guard let directory = request.templatesDirectory else { return .success(.bundled()) }
            return Result { () throws(TemplateSet.LoadError) in try TemplateSet.overriding(from: directory) }
        }
        templateSet.buildInBackground()
        var diagnostics: [Diagnostic] = []
        var specs: [(spec: DeviceSpec, fileName: String)] = []
        for path in request.specPaths {
            let result = SpecLoader.load(path: path)
            diagnostics += result.diagnostics
            if let spec = result.spec { specs.append((spec, (path as NSString).lastPathComponent)) }
        }
        let templates: TemplateSet
        switch templateSet.value {
        case .success(let set): templates = set
        case .failure(let error): return Outcome(files: nil, diagnostics: [.error(at: .start(of: error.path), error.message)])
        }
        diagnostics += namespaceClashes(specs.map(\.spec))
        guard !diagnostics.hasErrors else { return Outcome(files: nil, diagnostics: diagnostics) }
        let generator = DeviceGenerator(templates: templates)
        let files = specs.flatMap { generator.files(for: $0.spec, specFileName: $0.fileName) }
        return Outcome(files: files.sorted { $0.path < $1.path }, diagnostics: diagnostics)
    }

    /// Two specs may not generate into the same folder.
    private static func namespaceClashes(_ specs: [DeviceSpec]) -> [Diagnostic] {
        var owners: [String: DeviceSpec] = [:]
        var diagnostics: [Diagnostic] = []
        for spec in specs {
            let namespace = GeneratedNames.namespace(spec.name)
            if let owner = owners[namespace] {
                diagnostics.append(
                    .error(
                        at: spec.source["name"], "device '\(spec.name)' generates '\(namespace)/', as \(owner.file) does",
                        hint: "give one of the devices another name"))
            } else {
                owners[namespace] = spec
            }
        }
        return diagnostics
    }
}
