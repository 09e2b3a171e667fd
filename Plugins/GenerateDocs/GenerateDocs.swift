import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-register-docs [SPEC...] [-o DIR]`
///
/// Writes the HTML register reference of the package's specs (`drivergen docs`), by default to
/// `.build/register-reference/` (open its `index.html`).
@main
struct GenerateDocs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "drivergen")
        var arguments = arguments
        if !arguments.contains("-o") && !arguments.contains("--output") {
            arguments += ["-o", context.package.directoryURL.appendingPathComponent(".build/register-reference").path]
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["docs"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw DocsFailure(status: process.terminationStatus)
        }
    }
}

struct DocsFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "drivergen docs exited with status \(status)" }
}
