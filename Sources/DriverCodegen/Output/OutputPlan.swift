import Foundation

/// Where a run's files go: one folder, or Swift sources in one and the dext bundle's property
/// lists in another (so that a SwiftPM target compiling the sources never sees a plist).
/// Writes are all or nothing across both folders.
public struct OutputPlan: Sendable {
    /// A folder and the files that belong in it.
    private struct Part {
        let directory: OutputDirectory
        let files: [GeneratedFile]
    }

    /// A difference, with the path of its folder joined in front.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var kind: OutputDirectory.Difference.Kind
        public var path: String
        public var description: String { "\(kind.rawValue): \(path)\(kind.explanation)" }
    }

    /// Why a pair of folders cannot be used.
    public struct FolderConflict: Error, CustomStringConvertible {
        public let description: String
    }

    public let sources: OutputDirectory
    /// nil when property lists go beside the sources.
    public let bundle: OutputDirectory?
    /// How long a write waits for another run writing the same folder before giving up.
    public var lockTimeout: Duration = .seconds(120)

    /// `bundleOutput` equal to `output` means one folder. Nested folders are refused: each
    /// folder's run removes generated files that are not its own.
    public init(output: String, bundleOutput: String? = nil, fileSystem: any OutputFileSystem = LocalFileSystem()) throws(FolderConflict) {
        sources = OutputDirectory(path: output, fileSystem: fileSystem)
        guard let bundleOutput else {
            bundle = nil
            return
        }
        let sourcesPath = Self.normalized(output)
        let bundlePath = Self.normalized(bundleOutput)
        if sourcesPath == bundlePath {
            bundle = nil
        } else if bundlePath.hasPrefix(sourcesPath + "/") || sourcesPath.hasPrefix(bundlePath + "/") {
            throw FolderConflict(description: "the bundle output '\(bundleOutput)' and the output '\(output)' must not be inside one another")
        } else {
            bundle = OutputDirectory(path: bundleOutput, fileSystem: fileSystem)
        }
    }

    /// A plan of one folder.
    public init(directory: OutputDirectory) {
        sources = directory
        bundle = nil
    }

    /// The folders this plan writes.
    public var directories: [OutputDirectory] { [sources] + (bundle.map { [$0] } ?? []) }

    /// Each folder with the files that belong in it.
    private func parts(_ files: [GeneratedFile]) -> [Part] {
        guard let bundle else { return [Part(directory: sources, files: files)] }
        return [
            Part(directory: sources, files: files.filter { $0.destination == .sources }),
            Part(directory: bundle, files: files.filter { $0.destination == .bundle }),
        ]
    }

    /// How the folders differ from `files`; empty when they are up to date.
    public func differences(from files: [GeneratedFile]) -> [Difference] {
        parts(files).flatMap { part in
            part.directory.differences(from: part.files).map {
                Difference(kind: $0.kind, path: (part.directory.path as NSString).appendingPathComponent($0.path))
            }
        }
    }

    /// Brings every folder in step with `files`, all or nothing: each folder is locked against
    /// other runs (waiting up to `lockTimeout`; `waiting` hears about it), leftovers of
    /// interrupted runs are removed, every folder's changes are staged, then put in place. If
    /// any step fails, every folder is put back as it was and the error says so (or says what
    /// could not be put back).
    /// With `removingStale` false, files other than `files` are left alone (one spec written
    /// into a folder of specs).
    public func write(
        _ files: [GeneratedFile], removingStale: Bool = true, waiting: (String) -> Void = { _ in }
    ) throws(OutputWriteError) -> [(directory: OutputDirectory, report: OutputDirectory.WriteReport)] {
        let parts = parts(files)
        let transactions = parts.map {
            OutputTransaction(directory: $0.directory, planned: Set($0.files.map(\.path)), removesStale: removingStale)
        }
        var locks: [any OutputLock] = []
        defer { for lock in locks { lock.release() } }
        do {
            for transaction in transactions { try transaction.createRoot() }
            for transaction in transactions.sorted(by: { Self.normalized($0.directory.path) < Self.normalized($1.directory.path) }) {
                locks.append(try lock(transaction.directory, waiting: waiting))
            }
            for transaction in transactions { try transaction.removeLeftovers() }
            for (transaction, part) in zip(transactions, parts) { try transaction.stage(part.files) }
        } catch {
            throw OutputWriteError(failure: error, folders: directories.map(\.path), stuck: transactions.flatMap { $0.abandon() }, wasRestored: false)
        }
        for (index, transaction) in transactions.enumerated() {
            do {
                try transaction.commit()
            } catch {
                var stuck: [String] = []
                for committed in transactions[...index].reversed() { stuck += committed.rollback() }
                for later in transactions[(index + 1)...] { stuck += later.abandon() }
                throw OutputWriteError(failure: error, folders: directories.map(\.path), stuck: stuck, wasRestored: true)
            }
        }
        var canRollBack = true
        var remaining: [[String]] = []
        for transaction in transactions {
            do {
                remaining.append(try transaction.removeBackups(canRollBack: &canRollBack))
            } catch {
                let stuck = transactions.reversed().flatMap { $0.rollback() }
                throw OutputWriteError(failure: error, folders: directories.map(\.path), stuck: stuck, wasRestored: true)
            }
        }
        return zip(transactions, remaining).map { transaction, backups in
            var report = transaction.report
            report.remainingBackups = backups
            return (transaction.directory, report)
        }
    }

    /// The folder's lock, waiting while another run holds it.
    private func lock(_ directory: OutputDirectory, waiting: (String) -> Void) throws(OutputFileError) -> any OutputLock {
        let clock = ContinuousClock()
        let deadline = clock.now + lockTimeout
        var told = false
        while true {
            if let lock = try directory.fileSystem.tryLock(directory: directory.path) { return lock }
            if clock.now >= deadline {
                throw OutputFileError(
                    path: directory.path, reason: "another drivergen run is writing it, and did not finish within \(lockTimeout)")
            }
            if !told {
                waiting("waiting for another drivergen run writing \(directory.path)")
                told = true
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
