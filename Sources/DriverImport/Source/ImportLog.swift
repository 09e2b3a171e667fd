import DriverSpec

/// Warnings (located in the source file) and what was lost, as an import goes.
final class ImportLog {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var losses = ImportLosses()

    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.warning(at: location, message, hint: hint))
    }

    func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location, message, hint: hint))
    }

    /// A warning for something left out, counted.
    func lost(_ location: SourceLocation, _ message: String, _ loss: ImportLosses, hint: String? = nil) {
        warning(location, message, hint: hint)
        losses = losses + loss
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension SourceRegister {
    /// What leaving this register out loses: its copies, their fields and enum values.
    var loss: ImportLosses {
        let copies = dimension?.count ?? 1
        let values = fields.reduce(0) { $0 + $1.enumValueCount }
        return ImportLosses(registers: copies, fields: copies * fields.count, enumValues: copies * values)
    }
}

extension SourceField {
    /// Named values over all its sets, as the source lists them.
    var enumValueCount: Int { enumeratedValues.reduce(0) { $0 + $1.values.count } }
}
