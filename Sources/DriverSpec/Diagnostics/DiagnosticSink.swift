/// Collects diagnostics while a spec is read and checked, so every problem is reported at once.
///
/// Like a compiler's error limit, it keeps the first `limit` diagnostics and counts the rest, so
/// hostile input with millions of mistakes cannot flood memory or the terminal.
final class DiagnosticSink {
    static let limit = 1000

    private(set) var diagnostics: [Diagnostic] = []
    private(set) var dropped = 0
    private var sawError = false

    /// Messages and hints are only built for diagnostics that are kept.
    func error(_ location: SourceLocation, _ message: @autoclosure () -> String, hint: @autoclosure () -> String? = nil) {
        sawError = true
        add(.error, location, message, hint)
    }

    func warning(_ location: SourceLocation, _ message: @autoclosure () -> String, hint: @autoclosure () -> String? = nil) {
        add(.warning, location, message, hint)
    }

    private func add(_ severity: Diagnostic.Severity, _ location: SourceLocation, _ message: () -> String, _ hint: () -> String?) {
        if diagnostics.count < Self.limit {
            diagnostics.append(Diagnostic(severity, at: location, message(), hint: hint()))
        } else {
            dropped += 1
        }
    }

    var hasErrors: Bool { sawError }

    /// The diagnostics, sorted, with a note of how many were left out.
    func finished(file: String) -> [Diagnostic] {
        var result = diagnostics.normalized()
        if dropped > 0 {
            result.insert(.error(at: .start(of: file), "too many problems: \(diagnostics.count + dropped) in all; the first \(Self.limit) found are shown"), at: 0)
        }
        return result
    }
}
