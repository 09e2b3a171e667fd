import DriverSpec
import Foundation

/// The register-map formats `drivergen import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// CMSIS-SVD.
    case svd
    /// IP-XACT, IEEE 1685-2009 (`spirit:`) or 1685-2014 (`ipxact:`).
    case ipxact

    var title: String { self == .svd ? "CMSIS-SVD" : "IP-XACT" }
}

/// What an import produced.
public struct ImportResult: Sendable {
    /// The spec's text; nil when there were errors.
    public var text: String?
    /// Errors and warnings, located in the source file (or, should the written spec not
    /// validate, in it), sorted.
    public var diagnostics: [Diagnostic]
    /// What could not be carried over; each loss has a warning in `diagnostics`.
    public var losses: ImportLosses
}

/// Turns a CMSIS-SVD or IP-XACT register map into a spec: read the XML (under the limits
/// YAML specs have) -> read the format into a source map -> translate into the spec language
/// -> write YAML, then load and validate what was written.
public enum SpecImporter {
    /// Imports the file at `path` (named in diagnostics as given). `specFile` names the spec
    /// being written, in diagnostics about it.
    public static func importFile(path: String, format: ImportFormat, options: ImportOptions = ImportOptions(), specFile: String = "imported.yaml") -> ImportResult {
        finish(XMLReader.read(path: path), file: path, format: format, options: options, specFile: specFile)
    }

    /// Imports XML held in memory; `file` names it in diagnostics.
    public static func importData(_ data: Data, file: String, format: ImportFormat, options: ImportOptions = ImportOptions(), specFile: String = "imported.yaml") -> ImportResult {
        finish(XMLReader.parse(data: data, file: file), file: file, format: format, options: options, specFile: specFile)
    }

    private static func finish(_ parsed: Result<XMLNode, Diagnostic>, file: String, format: ImportFormat, options: ImportOptions, specFile: String) -> ImportResult {
        let root: XMLNode
        switch parsed {
        case .success(let node): root = node
        case .failure(let diagnostic): return ImportResult(text: nil, diagnostics: [diagnostic], losses: ImportLosses())
        }
        let log = ImportLog()
        let map = format == .svd ? SVDReader(log: log, document: root).read(root) : IPXACTReader(log: log).read(root)
        guard let map, !log.hasErrors else {
            return ImportResult(text: nil, diagnostics: log.diagnostics.sorted(), losses: log.losses)
        }
        var options = options
        if format == .ipxact { options.form = .pci }
        let device = ImportTranslator(log: log, options: options).translate(map)
        let name = (file as NSString).lastPathComponent
        var header = [
            "Imported by `drivergen import \(format.rawValue)` from \(name) (\(format.title)). Edit it freely; to see what a",
            "new revision of the source changes, import that too and compare: `drivergen diff OLD.yaml NEW.yaml`.",
        ]
        if let blocks = options.blocks {
            header.append("Only these blocks of the source, with their interrupts: \(blocks.sorted().joined(separator: ", ")) (--peripherals).")
        }
        let text = SpecWriter.render(device, header: header)
        var diagnostics = log.diagnostics
        let check = SpecLoader.load(text: text, file: specFile)
        diagnostics += check.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.severity == .error {
                diagnostic.message = "the imported spec does not validate: \(diagnostic.message)"
            }
            return diagnostic
        }
        if let spec = check.spec {
            let start = SourceLocation.start(of: specFile)
            for difference in ReadBackCheck.differences(written: device, read: spec).prefix(20) {
                diagnostics.append(
                    .error(
                        at: start, "the imported spec does not read back as written: \(difference)",
                        hint: "this is a bug in drivergen import; please report it with the source file"))
            }
        }
        let failed = diagnostics.contains { $0.severity == .error }
        return ImportResult(text: failed ? nil : text, diagnostics: diagnostics.sorted(), losses: log.losses)
    }
}
