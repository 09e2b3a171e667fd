import DriverSpec

/// Turns one validated spec into its generated files (spec model -> view models -> templates).
public struct DeviceGenerator: Sendable {
    let templates: TemplateSet

    public init(templates: TemplateSet = .bundled()) {
        self.templates = templates
    }

    /// The files of `spec`, in `<Namespace>/`, in the order they render (largest first; the
    /// pipeline sorts them by path). `specFileName` names the spec in file headers.
    public func files(for spec: DeviceSpec, specFileName: String) -> [GeneratedFile] {
        if spec.isMicrocontroller { return microcontrollerFiles(for: spec, specFileName: specFileName) }
        let model = DeviceViewModel(spec, specFileName: specFileName)
        let driver = DriverViewModel(spec, specFileName: specFileName)
        let folder = model.namespace
        let className = spec.driver.className
        let header = GeneratedHeader.text(specFileName: specFileName)
        let templates = templates
        let personality = PersonalityViewModel(spec, specFileName: specFileName)
        // The two largest files first, on another core, while the register view models are
        // built here: the blocks file holds a handle for every register, the device file the
        // layout table, and neither renders the register types.
        let early = Deferred {
            [
                GeneratedFile(path: "\(folder)/\(folder)Blocks.swift", contents: templates.render("blocks.swift", model)),
                GeneratedFile(path: "\(folder)/\(folder).swift", contents: templates.render("device.swift", model)),
            ]
        }
        early.buildInBackground()
        var jobs: [@Sendable () -> GeneratedFile] = RegisterFileViewModel.files(of: model).enumerated().map { number, file in
            { GeneratedFile(path: "\(folder)/" + RegisterFileViewModel.fileName(namespace: folder, number: number), contents: templates.render("registers.swift", file)) }
        }
        if !spec.structures.isEmpty {
            let structures = StructuresFileViewModel(spec, specFileName: specFileName)
            jobs.append { GeneratedFile(path: "\(folder)/\(folder)Structures.swift", contents: templates.render("structures.swift", structures)) }
        }
        jobs += [
            { GeneratedFile(path: "\(folder)/\(folder)Personality.swift", contents: templates.render("personality.swift", personality)) },
            { GeneratedFile(path: "\(folder)/\(className)Base.swift", contents: templates.render("driverBase.swift", driver)) },
            { GeneratedFile(path: "\(folder)/\(className).swift", contents: templates.render("driver.swift", driver), ownership: .user) },
        ]
        let rest = ConcurrentRendering.run(jobs)
        return early.value + rest + [
            GeneratedFile(
                path: "\(folder)/Info.plist",
                contents: PropertyListRenderer.xml(PersonalityModel.infoPlist(spec), header: header),
                destination: .bundle),
            GeneratedFile(
                path: "\(folder)/\(className).entitlements",
                contents: PropertyListRenderer.xml(PersonalityModel.entitlements(spec), header: header),
                destination: .bundle),
        ]
    }

    /// A microcontroller's files: register values, peripheral blocks at their addresses, the
    /// interrupt lines with the vector table and the user's handlers, and the hosted-only layout.
    /// No driver, personality or property lists: firmware has none.
    private func microcontrollerFiles(for spec: DeviceSpec, specFileName: String) -> [GeneratedFile] {
        let model = DeviceViewModel(spec, specFileName: specFileName)
        let folder = model.namespace
        let templates = templates
        var jobs: [@Sendable () -> GeneratedFile] = [
            { GeneratedFile(path: "\(folder)/\(folder)Blocks.swift", contents: templates.render("blocks.swift", model)) }
        ]
        jobs += RegisterFileViewModel.files(of: model).enumerated().map { number, file in
            { GeneratedFile(path: "\(folder)/" + RegisterFileViewModel.fileName(namespace: folder, number: number), contents: templates.render("registers.swift", file)) }
        }
        if let chip = model.microcontroller {
            jobs.append { GeneratedFile(path: "\(folder)/\(folder).swift", contents: templates.render("microcontroller.swift", chip)) }
            if !chip.interrupts.isEmpty {
                jobs.append { GeneratedFile(path: "\(folder)/\(folder)Interrupts.swift", contents: templates.render("interrupts.swift", chip)) }
                jobs.append {
                    GeneratedFile(
                        path: "\(folder)/\(folder)InterruptHandlers.swift", contents: templates.render("interruptHandlers.swift", chip), ownership: .user)
                }
            }
        }
        return ConcurrentRendering.run(jobs)
    }
}
