import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory drivergen-qemu [options]`
///
/// Runs `drivergen qemu` on the package: its driver scenarios in a QEMU guest, on emulated
/// devices, through Linux VFIO, as the "qemu" object of drivergen.json describes. It writes only
/// the guest executables' build, in `.build-qemu`. See docs/linux.md, "Test on QEMU in CI".
@main
struct QEMUCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "drivergen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["qemu", "--package-path", context.package.directoryURL.path] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure("drivergen qemu exited with status \(process.terminationStatus)")
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
