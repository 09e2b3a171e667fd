import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-drivers [options]`
///
/// Runs `drivergen generate` in the package's folder, so the generated drivers land in the
/// package and can be committed. All options are drivergen's (`--output`, `--bundle-output`, `--templates`,
/// `--check`, `--config`, spec paths); `drivergen.json` at the package root gives defaults.
/// The plugin holds no generation logic: the tool does the work, and its diagnostics
/// (`path:line:col: error: message`) are passed through unchanged.
@main
struct GenerateDrivers: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "drivergen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["generate", "--regenerate-command", "swift package --allow-writing-to-package-directory generate-drivers"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw GenerationFailed(status: process.terminationStatus)
        }
    }
}

struct GenerationFailed: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "drivergen generate failed (exit status \(status))" }
}
