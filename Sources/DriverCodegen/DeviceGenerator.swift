import DriverSpec

/// Turns one validated spec into its generated files (spec model -> view models -> templates).
public struct DeviceGenerator: Sendable {
    let templates: TemplateSet

    public init(templates: TemplateSet = .bundled()) {
        self.templates = templates
    }

    /// The files of `spec`, in `<Namespace>/`. `specFileName` names the spec in file headers.
    public func files(for spec: DeviceSpec, specFileName: String) -> [GeneratedFile] {
        let model = DeviceViewModel(spec, specFileName: specFileName)
        let folder = model.namespace
        return [
            GeneratedFile(path: "\(folder)/\(folder).swift", contents: templates.render("device.swift", model)),
            GeneratedFile(path: "\(folder)/\(folder)Registers.swift", contents: templates.render("registers.swift", model)),
            GeneratedFile(path: "\(folder)/\(folder)Blocks.swift", contents: templates.render("blocks.swift", model)),
        ]
    }
}
