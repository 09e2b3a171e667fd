import Foundation

/// Spec files as they were at a git revision, read with the `git` command in the working directory.
struct GitRevision {
    struct Failure: Error {
        let message: String
    }

    let revision: String

    /// Checks that `revision` names a commit.
    init(_ revision: String) throws(Failure) {
        self.revision = revision
        let result = Self.git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
        guard result.status == 0 else {
            throw Failure(
                message: result.status == 128 && result.errors.contains("not a git repository")
                    ? "not in a git repository" : "'\(revision)' is not a commit")
        }
    }

    /// The contents of `path` (relative to the working directory) at the revision, or nil when
    /// the file did not exist there.
    func contents(of path: String) throws(Failure) -> Data? {
        let result = Self.git(["cat-file", "-e", "\(revision):./\(path)"])
        guard result.status == 0 else { return nil }
        let shown = Self.git(["show", "\(revision):./\(path)"])
        guard shown.status == 0 else { throw Failure(message: "cannot read \(path) at \(revision): \(shown.errors)") }
        return shown.output
    }

    /// The spec files under `folder` (relative to the working directory) at the revision.
    func specFiles(in folder: String) -> [String] {
        let result = Self.git(["ls-tree", "-r", "--name-only", revision, "--", folder.hasSuffix("/") ? folder : folder + "/"])
        guard result.status == 0 else { return [] }
        return String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    private static func git(_ arguments: [String]) -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return (127, Data(), "cannot run git: \(error)") }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, printed, String(decoding: complained, as: UTF8.self))
    }
}
