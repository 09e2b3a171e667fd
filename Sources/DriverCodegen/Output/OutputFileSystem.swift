import Foundation

/// The file operations writing generated output needs, one system call each: the seam tests
/// inject faults through (no space at a chosen step, a folder that cannot be created...).
public protocol OutputFileSystem: Sendable {
    /// The file's bytes; nil when there is no regular file there.
    func contents(atPath path: String) -> Data?
    /// What is at `path`, if anything (symbolic links followed).
    func kind(atPath path: String) -> OutputFileKind?
    /// Names in a folder, unsorted; nil when it cannot be read.
    func children(ofDirectory path: String) -> [String]?
    /// Creates one folder; its parent exists.
    func createDirectory(atPath path: String) throws(OutputFileError)
    /// Creates (or truncates) a file and writes `data` to it.
    func write(_ data: Data, toPath path: String) throws(OutputFileError)
    /// Renames a file, replacing a file at the destination.
    func rename(_ source: String, to destination: String) throws(OutputFileError)
    /// Removes a file.
    func removeFile(atPath path: String) throws(OutputFileError)
    /// Removes an empty folder.
    func removeDirectory(atPath path: String) throws(OutputFileError)
    /// Takes the exclusive lock of a folder, held until the returned lock is released or the
    /// process ends (a killed run's lock goes with it). Nil when another holder has it.
    func tryLock(directory path: String) throws(OutputFileError) -> OutputLock?
}

/// What a path holds.
public enum OutputFileKind: Sendable, Equatable {
    case file
    case directory
    case other
}

/// A held folder lock.
public protocol OutputLock: AnyObject, Sendable {
    func release()
}

/// A file operation that failed: where, and the system's reason.
public struct OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The reason `errno` gives.
    public static func errno(_ code: Int32, path: String) -> OutputFileError {
        OutputFileError(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): \(reason)" }
}
