import Foundation
import QEMURunner

/// A host with chosen tools, for the runner's refusals; commands run for real only when a test
/// points an executable at a script it wrote.
struct FakeHost: HostSystem {
    var operatingSystem = "Linux"
    var distribution: String? = "debian"
    var isRoot = true
    var executables: [String: String] = ["qemu-system-x86_64": "/usr/bin/qemu-system-x86_64", "cpio": "/usr/bin/cpio", "apt-get": "/usr/bin/apt-get"]
    var kernelImage: String? = "/boot/vmlinuz-6.1.0-test"
    var hasStaticBusybox = true
    var installed: Set<String> = []
    var kvmUsable = false

    func executable(named name: String) -> String? { executables[name] }
    func isReadable(_ path: String) -> Bool { true }
    func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    func isInstalled(package: String) -> Bool { installed.contains(package) }

    func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> (status: Int32, output: String) {
        LocalHostSystem().run(executable, arguments, environment: environment)
    }
}

/// A shell script in a scratch folder that stands in for a tool.
func script(_ body: String) throws -> String {
    let folder = NSTemporaryDirectory() + "drivergen-fake-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/tool"
    try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
}
