import Foundation
import Locking

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls (so each failure has its own `errno`).
public struct LocalFileSystem: OutputFileSystem {
    public init() {}

    public func contents(atPath path: String) -> Data? {
        guard kind(atPath: path) == .file else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    public func kind(atPath path: String) -> OutputFileKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public func children(ofDirectory path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func createDirectory(atPath path: String) throws(OutputFileError) {
        guard mkdir(path, 0o755) == 0 else { throw .errno(errno, path: path) }
    }

    public func write(_ data: Data, toPath path: String) throws(OutputFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .errno(errno, path: path) }
        var failure = data.withUnsafeBytes { writeAll(descriptor, $0) }
        // Some file systems (NFS) report a full disk only when the file is closed.
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw .errno(failure, path: path) }
    }

    public func rename(_ source: String, to destination: String) throws(OutputFileError) {
        guard renameFile(source, destination) == 0 else { throw .errno(errno, path: destination) }
    }

    public func removeFile(atPath path: String) throws(OutputFileError) {
        guard unlink(path) == 0 else { throw .errno(errno, path: path) }
    }

    public func removeDirectory(atPath path: String) throws(OutputFileError) {
        guard rmdir(path) == 0 else { throw .errno(errno, path: path) }
    }

    public func tryLock(directory path: String) throws(OutputFileError) -> OutputLock? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .errno(errno, path: path) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return DirectoryLock(descriptor: descriptor) }
        let code = errno
        close(descriptor)
        if code == EWOULDBLOCK { return nil }
        throw .errno(code, path: path)
    }

    /// `flock` on the folder itself: no lock file to leave behind, and the kernel drops the lock
    /// when its holder dies.
    private final class DirectoryLock: OutputLock {
        private let descriptor: Locked<Int32>

        init(descriptor: Int32) {
            self.descriptor = Locked(descriptor)
        }

        func release() {
            descriptor.withLock { descriptor in
                guard descriptor >= 0 else { return }
                flock(descriptor, LOCK_UN)
                close(descriptor)
                descriptor = -1
            }
        }

        deinit { release() }
    }
}

/// Writes every byte; 0, or the `errno` of the failure.
private func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
    var offset = 0
    while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return 0
}

private func renameFile(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
