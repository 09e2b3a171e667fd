#if os(Linux)
import Glibc

/// The entries of a folder, sorted.
func listDirectory(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// A sysfs value like `0x1234`, or nil.
func readHex(_ path: String) -> UInt64? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    var text = String(decoding: buffer[0..<count], as: UTF8.self)
    while text.last == "\n" { text.removeLast() }
    if text.hasPrefix("0x") { text.removeFirst(2) }
    return UInt64(text, radix: 16)
}
#endif
