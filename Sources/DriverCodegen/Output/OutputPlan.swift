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
        public var description: String { "\(kind.rawValue): \(path)" }
    }

    /// Why a pair of folders cannot be used.
    public struct FolderConflict: Error, CustomStringConvertible {
        public let description: String
    }

    public let sources: OutputDirectory
    /// nil when property lists go beside the sources.
    public let bundle: OutputDirectory?

    /// `bundleOutput` equal to `output` means one folder. Nested folders are refused: each
    /// folder's run removes generated files that are not its own.
    public init(output: String, bundleOutput: String? = nil) throws(FolderConflict) {
        sources = OutputDirectory(path: output)
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
            bundle = OutputDirectory(path: bundleOutput)
        }
    }

    /// A write that failed, and whether the folders are still as they were.
    public struct WriteFailure: Error {
        public let underlying: any Error
        /// True when the failure came while staging, before any folder changed.
        public let changedNothing: Bool
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

    /// Stages every folder's changes, then puts them in place; if any staging fails, no
    /// folder changes.
    public func write(_ files: [GeneratedFile]) throws(WriteFailure) -> [(directory: OutputDirectory, report: OutputDirectory.WriteReport)] {
        var staged: [(OutputDirectory, OutputDirectory.StagedWrite)] = []
        do {
            for part in parts(files) {
                staged.append((part.directory, try part.directory.stage(part.files)))
            }
        } catch {
            for (directory, write) in staged { directory.discard(write) }
            throw WriteFailure(underlying: error, changedNothing: true)
        }
        var reports: [(directory: OutputDirectory, report: OutputDirectory.WriteReport)] = []
        for (index, (directory, write)) in staged.enumerated() {
            do {
                reports.append((directory, try directory.commit(write)))
            } catch {
                for (later, laterWrite) in staged[(index + 1)...] { later.discard(laterWrite) }
                throw WriteFailure(underlying: error, changedNothing: false)
            }
        }
        return reports
    }

    private static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
