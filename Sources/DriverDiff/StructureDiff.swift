import DriverSpec

extension DeviceComparison {
    /// Matches structures by name (or, for renames, by size and field names), then their common
    /// fields and each view's fields by name (or by place). Anything that moves bytes, changes a
    /// field's Swift type or removes a name is breaking: the driver and the device would read
    /// the same memory differently.
    mutating func compareStructures() {
        let signature = { (structure: StructureSpec) in "\(structure.size):" + structure.fields.map(\.name).sorted().joined(separator: ",") }
        let structures = Matching(old: old.structures, new: new.structures, name: \.name, place: signature)
        for structure in structures.removed {
            report(
                .structureRemoved, "structure '\(structure.name)' was removed", path: "structures/\(structure.name)",
                old: structure.name, at: structure.source.element)
        }
        for structure in structures.added {
            report(
                .structureAdded, "structure '\(structure.name)' (\(structure.size) bytes) was added", path: "structures/\(structure.name)",
                new: structure.name, at: nil, structure.source.element)
        }
        for (o, n, renamed) in structures.pairs {
            compareStructure(o, n, renamed: renamed)
        }
    }

    private mutating func compareStructure(_ o: StructureSpec, _ n: StructureSpec, renamed: Bool) {
        let path = "structures/\(n.name)"
        let what = "structure '\(n.name)'"
        if renamed {
            report(
                .structureRenamed, "structure '\(o.name)' was renamed to '\(n.name)': its Swift type is renamed", path: path,
                old: o.name, new: n.name, at: o.source["name"], n.source["name"])
        }
        compare(o.size, n.size, .structureResized, "the size of \(what)", path: path, at: o.source["size"], n.source["size"]) { "\($0) bytes" }
        compare(
            o.byteOrder, n.byteOrder, .structureByteOrderChanged, "the byte order of \(what)", path: path,
            at: o.source["byte-order"], n.source["byte-order"]
        ) { $0.rawValue }
        compareDescriptions(o.description, n.description, what, path: path, at: o.source["description"], n.source["description"])
        compareStructureFields(o.fields, n.fields, of: n, owner: what, path: path, oldLocation: o.source.element, newLocation: n.source.element)
        let views = Matching(old: o.views, new: n.views, name: \.name, place: { $0.fields.map(\.name).sorted().joined(separator: ",") })
        for view in views.removed {
            report(
                .structureViewRemoved, "view '\(view.name)' of \(what) was removed", path: "\(path)/views/\(view.name)",
                old: view.name, at: view.source.element, n.source.element)
        }
        for view in views.added {
            report(
                .structureViewAdded, "view '\(view.name)' was added to \(what)", path: "\(path)/views/\(view.name)",
                new: view.name, at: o.source.element, view.source.element)
        }
        for (oldView, newView, viewRenamed) in views.pairs {
            let viewPath = "\(path)/views/\(newView.name)"
            if viewRenamed {
                report(
                    .structureViewRenamed, "view '\(oldView.name)' of \(what) was renamed to '\(newView.name)': its property and type are renamed",
                    path: viewPath, old: oldView.name, new: newView.name, at: oldView.source["name"], newView.source["name"])
            }
            compareStructureFields(
                oldView.fields, newView.fields, of: n, owner: "view '\(newView.name)' of \(what)", path: viewPath,
                oldLocation: oldView.source.element, newLocation: newView.source.element)
        }
    }

    private mutating func compareStructureFields(
        _ oldFields: [StructureFieldSpec], _ newFields: [StructureFieldSpec], of structure: StructureSpec, owner: String, path ownerPath: String,
        oldLocation: SourceLocation, newLocation: SourceLocation
    ) {
        let fields = Matching(old: oldFields, new: newFields, name: \.name, place: { "\($0.offset):\(Self.shape($0))" })
        for field in fields.removed {
            report(
                .structureFieldRemoved, "field '\(field.name)' of \(owner) was removed", path: "\(ownerPath)/fields/\(field.name)",
                old: field.name, at: field.source.element, newLocation)
        }
        for field in fields.added {
            report(
                .structureFieldAdded, "field '\(field.name)' (\(Self.place(field))) was added to \(owner)", path: "\(ownerPath)/fields/\(field.name)",
                new: field.name, at: oldLocation, field.source.element)
        }
        for (o, n, renamed) in fields.pairs {
            let path = "\(ownerPath)/fields/\(n.name)"
            let what = "field '\(n.name)' of \(owner)"
            if renamed {
                report(
                    .structureFieldRenamed, "field '\(o.name)' (\(Self.place(n))) of \(owner) was renamed to '\(n.name)'", path: path,
                    old: o.name, new: n.name, at: o.source["name"], n.source["name"])
            }
            let oldPlace = Self.start(o), newPlace = Self.start(n)
            let place = o.source.wrote("dword") || n.source.wrote("dword") ? "dword" : "offset"
            compare(oldPlace, newPlace, .structureFieldMoved, "the place of \(what)", path: path, at: o.source[place], n.source[place]) { $0 }
            compare(
                Self.kindName(o.kind), Self.kindName(n.kind), .structureFieldTypeChanged, "the kind of \(what)", path: path,
                at: o.source.element, n.source.element
            ) { $0 }
            if Self.kindName(o.kind) == Self.kindName(n.kind) {
                compare(
                    Self.shape(o), Self.shape(n), .structureFieldResized, "the size of \(what)", path: path,
                    at: o.source.element, n.source.element
                ) { $0 }
            }
            compareDescriptions(o.description, n.description, what, path: path, at: o.source["description"], n.source["description"])
            compareEnumerations(Self.coded(o), Self.coded(n), what: what, path: path)
            compareFlags(Self.coded(o), Self.coded(n), what: what, path: path)
        }
    }

    /// What a field is, apart from its place: the kind and its size.
    static func shape(_ field: StructureFieldSpec) -> String {
        let size: String =
            switch field.kind {
            case .integer(let width, let bits): bits.lsb == 0 && bits.width == width ? "\(width)-bit" : "\(bits.width) of \(width) bits"
            case .bytes(let count): "\(count) bytes"
            case .string(let length, let padding): "\(length)-byte string (\(padding.rawValue)-padded)"
            case .structure(let name): "structure '\(name)'"
            }
        return size + (field.count.map { " x \($0)" + (field.stride.map { " every \($0) bytes" } ?? "") } ?? "")
    }

    private static func kindName(_ kind: StructureFieldSpec.Kind) -> String {
        switch kind {
        case .integer: "integer"
        case .bytes: "bytes"
        case .string: "string"
        case .structure(let name): "structure '\(name)'"
        }
    }

    /// Where the field starts (its extent is its shape).
    // Not inlined: inlined into compareStructureFields, reading `bits` there crashes Swift 6.3's
    // optimizer (an ownership verifier failure in CopyPropagation) in release builds.
    @inline(never)
    private static func start(_ field: StructureFieldSpec) -> String {
        "byte \(field.offset)" + (field.bits.map { ", bit \($0.lsb)" } ?? "")
    }

    private static func place(_ field: StructureFieldSpec) -> String { "byte \(field.offset), \(shape(field))" }

    /// The field as a register field, for the enum and flag comparisons registers use.
    private static func coded(_ field: StructureFieldSpec) -> FieldSpec {
        FieldSpec(
            name: field.name, bits: field.bits ?? BitRange(lsb: 0, msb: 0), access: .rw, reset: 0, description: nil,
            enumeration: field.enumeration, flags: field.flags, isImplicit: false, source: field.source)
    }
}
