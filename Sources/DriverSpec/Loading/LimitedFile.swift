import Foundation

/// Reads an input file under a size limit, or says in one located error why not.
public enum LimitedFile {
    /// The file's bytes, at most one past `limit` (the file may grow after it is measured: the
    /// caller checks the count again). `what` names the kind of file in messages.
    public static func read(path: String, limit: Int, what: String) -> Result<Data, Diagnostic> {
        let start = SourceLocation.start(of: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type == .typeDirectory {
            return .failure(.error(at: start, "is a directory, not a \(what)"))
        }
        if let size = attributes?[.size] as? Int, size > limit {
            return .failure(.error(at: start, "\(what) is \(size) bytes; the limit is \(limit) bytes", hint: "split it, or remove generated filler"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.error(at: start, "cannot read the file"))
        }
        defer { try? handle.close() }
        do {
            // nil means the file is empty.
            return .success(try handle.read(upToCount: limit + 1) ?? Data())
        } catch {
            return .failure(.error(at: start, "cannot read the file: \(error.localizedDescription)"))
        }
    }
}
