#if os(Linux)
import Glibc

/// The error text of an errno value.
enum SystemError {
    static func text(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}

extension VFIOError {
    static func system(_ what: String, _ code: Int32) -> VFIOError {
        VFIOError("\(what) failed: \(SystemError.text(code))")
    }
}

/// Small, Foundation-free helpers for sysfs and device files.
enum Sysfs {
    /// The contents of a (small) text file, without the trailing newline; nil if it cannot be read.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return text
    }

    /// Writes `text` to a sysfs attribute.
    static func write(_ text: String, to path: String) throws(VFIOError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("opening \(path) for writing", errno) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .system("writing '\(text)' to \(path)", errno) }
    }

    /// Where a symlink points (its last path component when `lastComponent`), or nil.
    static func link(_ path: String, lastComponent: Bool = true) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return lastComponent ? String(target.split(separator: "/").last ?? Substring(target)) : target
    }

    /// The entries of a folder, sorted, without `.` and `..`; empty if it cannot be read.
    static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
#endif
