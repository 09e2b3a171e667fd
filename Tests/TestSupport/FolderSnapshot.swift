import Foundation

/// Everything under a folder, hidden entries included: each file's path with its bytes, each
/// folder's path with a trailing `/` (and no bytes). Two equal snapshots are the same tree.
public enum FolderSnapshot {
    public static func of(_ folder: URL) throws -> [String: Data] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [:] }
        var entries: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            entries[isDirectory.boolValue ? path + "/" : path] = isDirectory.boolValue ? Data() : try Data(contentsOf: url)
        }
        return entries
    }
}
