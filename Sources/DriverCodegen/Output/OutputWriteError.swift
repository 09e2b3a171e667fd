/// A write that failed, and what it left: the folders as they were (the usual case), or the
/// paths it could not put back or clean up.
public struct OutputWriteError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed.
    public let failure: OutputFileError
    /// The folders of the write.
    public let folders: [String]
    /// What could not be restored or removed; empty when the folders are exactly as they were.
    public let stuck: [String]
    /// Whether some files had been put in place (and were moved back).
    public let wasRestored: Bool

    init(failure: OutputFileError, folders: [String], stuck: [String], wasRestored: Bool) {
        self.failure = failure
        self.folders = folders
        self.stuck = stuck
        self.wasRestored = wasRestored
    }

    /// Whether every folder is exactly as before the write.
    public var changedNothing: Bool { stuck.isEmpty }

    /// `cannot write PATH: reason; FOLDER was not changed`, or what was left where.
    public var description: String {
        let names = folders.joined(separator: " and ")
        let plural = folders.count > 1
        let outcome =
            stuck.isEmpty
            ? "\(names) \(plural ? "were" : "was") not changed"
            : "\(names) \(plural ? "are" : "is") not as before: could not \(wasRestored ? "restore or remove" : "remove") \(stuck.joined(separator: ", "))"
        return "cannot write \(failure.path): \(failure.reason); \(outcome)"
    }
}
