import Foundation

/// One folder's share of a write, applied all or nothing. Every step records what it did
/// before doing it, so that whatever fails, the folder can be put back as it was:
///
/// 1. `stage`: changed files are written beside their targets as hidden staging files
///    (`.NAME.drivergen-UUID.tmp`), in folders created as needed;
/// 2. `commit`: each target that exists is renamed aside to a hidden backup
///    (`.NAME.drivergen-UUID.old`) and its staging file renamed into place; generated files no
///    spec produces any more are renamed aside too. If a step fails, `rollback` undoes the
///    renames in reverse;
/// 3. `removeBackups`: backups are removed, then folders left empty. The first removal is the
///    point of no return: if it fails, the write is still rolled back.
///
/// A run killed part way leaves hidden staging and backup files (and, if killed while
/// committing, some targets replaced and others not yet); `--check` reports both, and the next
/// write removes the hidden files first (`OutputDirectory.leftovers()`) and completes the rest.
final class OutputTransaction {
    private struct Staged {
        let temporary: String
        let target: String
        let relative: String
    }

    /// A rename done by `commit`: `from` is now at `to`.
    private struct Move {
        let from: String
        let to: String
    }

    let directory: OutputDirectory
    private var fileSystem: any OutputFileSystem { directory.fileSystem }
    private let planned: Set<String>
    /// Folders this write created, in order of creation.
    private var createdDirectories: [String] = []
    private var staged: [Staged] = []
    /// Renames done by `commit`, in order.
    private var moves: [Move] = []
    /// Backups of files no spec produces any more, then of replaced files: removing a stale
    /// file is the likeliest removal to fail, so it comes first, while a failure can still be
    /// rolled back.
    private var removedBackups: [String] = []
    private var replacedBackups: [String] = []
    private(set) var report = OutputDirectory.WriteReport()

    /// Whether generated files that are not planned are removed (`generate`), or everything
    /// else in the folder is left alone (`import` writing one spec into a folder of specs).
    private let removesStale: Bool

    init(directory: OutputDirectory, planned: Set<String>, removesStale: Bool = true) {
        self.directory = directory
        self.planned = planned
        self.removesStale = removesStale
    }

    // MARK: Staging

    /// Creates the folder itself when it does not exist.
    func createRoot() throws(OutputFileError) {
        try createDirectories(upTo: directory.path)
    }

    /// Removes staging and backup files an interrupted run left.
    func removeLeftovers() throws(OutputFileError) {
        for leftover in directory.leftovers() {
            try fileSystem.removeFile(atPath: directory.absolute(leftover))
            report.removedLeftovers.append(leftover)
        }
    }

    /// Writes every changed file beside its target.
    func stage(_ files: [GeneratedFile]) throws(OutputFileError) {
        for file in files {
            let target = directory.absolute(file.path)
            let kind = fileSystem.kind(atPath: target)
            if kind == .directory || kind == .other {
                throw OutputFileError(path: target, reason: "a folder or other non-file is in the way")
            }
            let existing = fileSystem.contents(atPath: target)
            if existing == Data(file.contents.utf8) || (file.ownership == .user && existing != nil) {
                report.unchanged += 1
                continue
            }
            let folder = (target as NSString).deletingLastPathComponent
            try createDirectories(upTo: folder)
            let temporary = Self.hiddenSibling(of: target, suffix: "tmp")
            staged.append(Staged(temporary: temporary, target: target, relative: file.path))
            try fileSystem.write(Data(file.contents.utf8), toPath: temporary)
        }
    }

    /// `mkdir -p`, recording each folder it creates.
    private func createDirectories(upTo folder: String) throws(OutputFileError) {
        var missing: [String] = []
        var current = folder
        while !current.isEmpty && current != "/" && current != "." {
            switch fileSystem.kind(atPath: current) {
            case .directory?: break
            case nil:
                missing.append(current)
                current = (current as NSString).deletingLastPathComponent
                continue
            case .file?, .other?:
                throw OutputFileError(path: current, reason: "a file is in the way of a folder")
            }
            break
        }
        for path in missing.reversed() {
            createdDirectories.append(path)
            do {
                try fileSystem.createDirectory(atPath: path)
            } catch {
                createdDirectories.removeLast()
                throw error
            }
        }
    }

    // MARK: Committing

    /// Puts staged files in place and sets aside generated files no spec produces any more.
    /// On failure the error is thrown and `rollback` undoes what it did.
    func commit() throws(OutputFileError) {
        do {
            for item in staged {
                if fileSystem.kind(atPath: item.target) != nil {
                    try move(item.target, to: Self.hiddenSibling(of: item.target, suffix: "old"), backup: .replaced)
                }
                try move(item.temporary, to: item.target)
                report.written.append(item.relative)
            }
            for existing in removesStale ? directory.existingFiles() : [] where !planned.contains(existing) {
                if directory.isGenerated(existing) {
                    let path = directory.absolute(existing)
                    try move(path, to: Self.hiddenSibling(of: path, suffix: "old"), backup: .removed)
                    report.removed.append(existing)
                } else {
                    report.keptUserFiles.append(existing)
                }
            }
        } catch {
            report = OutputDirectory.WriteReport()
            throw error
        }
    }

    private enum Backup { case replaced, removed }

    private func move(_ source: String, to destination: String, backup: Backup? = nil) throws(OutputFileError) {
        try fileSystem.rename(source, to: destination)
        moves.append(Move(from: source, to: destination))
        switch backup {
        case .replaced?: replacedBackups.append(destination)
        case .removed?: removedBackups.append(destination)
        case nil: break
        }
    }

    /// Undoes `commit`'s renames in reverse, then removes what staging made. Returns what
    /// it could not put back or remove.
    func rollback() -> [String] {
        var stuck: [String] = []
        for move in moves.reversed() {
            do {
                try fileSystem.rename(move.to, to: move.from)
            } catch {
                stuck.append(move.to)
            }
        }
        moves.removeAll()
        removedBackups.removeAll()
        replacedBackups.removeAll()
        report = OutputDirectory.WriteReport()
        return stuck + abandon()
    }

    /// Removes staging files and the folders this write created (those left empty). Returns
    /// what it could not remove.
    func abandon() -> [String] {
        var stuck: [String] = []
        for item in staged where fileSystem.kind(atPath: item.temporary) != nil {
            do {
                try fileSystem.removeFile(atPath: item.temporary)
            } catch {
                stuck.append(item.temporary)
            }
        }
        staged.removeAll()
        for folder in createdDirectories.reversed() where fileSystem.kind(atPath: folder) == .directory {
            do {
                try fileSystem.removeDirectory(atPath: folder)
            } catch {
                stuck.append(folder)
            }
        }
        createdDirectories.removeAll()
        return stuck
    }

    /// Removes the backups of replaced and removed files, then folders left empty. While
    /// `canRollBack` (no file of the whole write removed yet), a failed removal is thrown with
    /// everything left as it was, so the write can still be undone; after that, returns the
    /// backups it could not remove: hidden files the next write removes.
    func removeBackups(canRollBack: inout Bool) throws(OutputFileError) -> [String] {
        var stuck: [String] = []
        for backup in removedBackups + replacedBackups {
            do {
                try fileSystem.removeFile(atPath: backup)
                canRollBack = false
            } catch {
                if canRollBack { throw error }
                stuck.append(backup)
            }
        }
        removedBackups.removeAll()
        replacedBackups.removeAll()
        directory.removeEmptyFolders()
        return stuck
    }

    /// `.NAME.drivergen-UUID.SUFFIX` beside `path`.
    static func hiddenSibling(of path: String, suffix: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (folder as NSString).appendingPathComponent(".\(name)\(OutputDirectory.scratchMarker)\(UUID().uuidString).\(suffix)")
    }
}
