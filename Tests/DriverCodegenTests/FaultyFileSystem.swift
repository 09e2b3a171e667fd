import DriverCodegen
import Foundation
import Locking

/// The real file system with faults injected: the chosen call of an operation fails as a full
/// disk makes it fail (a write leaves half its bytes behind, as a real short write does).
final class FaultyFileSystem: OutputFileSystem {
    enum Operation: String, Sendable, CaseIterable {
        case createDirectory, write, rename, removeFile, removeDirectory
    }

    /// Which calls fail: the `occurrence`th (1-based) call of `operation`, or every call from
    /// it on when `persistent`.
    struct Fault: Sendable, CustomStringConvertible {
        var operation: Operation
        var occurrence: Int
        var persistent = false
        var description: String { "\(operation.rawValue) #\(occurrence)\(persistent ? " onwards" : "")" }
    }

    private let base = LocalFileSystem()
    private struct State {
        var faults: [Fault]
        var counts: [Operation: Int] = [:]
        var failedPaths: [String] = []
    }

    private let state: Locked<State>

    init(_ faults: [Fault] = []) {
        state = Locked(State(faults: faults))
    }

    /// How many times each operation was called.
    var callCounts: [Operation: Int] { state.withLock { $0.counts } }
    /// Paths of the calls that were made to fail.
    var failedPaths: [String] { state.withLock { $0.failedPaths } }

    private func check(_ operation: Operation, _ path: String) throws(OutputFileError) {
        let fails: Bool = state.withLock { state in
            state.counts[operation, default: 0] += 1
            let count = state.counts[operation] ?? 0
            let hit = state.faults.contains {
                $0.operation == operation && (count == $0.occurrence || ($0.persistent && count > $0.occurrence))
            }
            if hit { state.failedPaths.append(path) }
            return hit
        }
        if fails { throw .errno(ENOSPC, path: path) }
    }

    func contents(atPath path: String) -> Data? { base.contents(atPath: path) }
    func kind(atPath path: String) -> OutputFileKind? { base.kind(atPath: path) }
    func children(ofDirectory path: String) -> [String]? { base.children(ofDirectory: path) }

    func createDirectory(atPath path: String) throws(OutputFileError) {
        try check(.createDirectory, path)
        try base.createDirectory(atPath: path)
    }

    func write(_ data: Data, toPath path: String) throws(OutputFileError) {
        do {
            try check(.write, path)
        } catch {
            try? base.write(data.prefix(data.count / 2), toPath: path)
            throw error
        }
        try base.write(data, toPath: path)
    }

    func rename(_ source: String, to destination: String) throws(OutputFileError) {
        try check(.rename, destination)
        try base.rename(source, to: destination)
    }

    func removeFile(atPath path: String) throws(OutputFileError) {
        try check(.removeFile, path)
        try base.removeFile(atPath: path)
    }

    func removeDirectory(atPath path: String) throws(OutputFileError) {
        try check(.removeDirectory, path)
        try base.removeDirectory(atPath: path)
    }

    func tryLock(directory path: String) throws(OutputFileError) -> (any OutputLock)? {
        try base.tryLock(directory: path)
    }
}
