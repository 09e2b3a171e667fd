import Foundation
import PackagePlugin

/// `swift package drivergen <subcommand> [options]`
///
/// Runs any drivergen subcommand but `generate` in the package's folder, with the drivergen
/// your package depends on: `swift package drivergen validate`, `swift package drivergen diff
/// --against main`, `swift package drivergen dump Specs/x.yaml --device 0000:03:00.0`. It asks
/// for no permissions, so it writes nothing; `generate-drivers` writes the generated drivers.
@main
struct DriverGenCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.first == "generate" {
            throw Refusal("use `swift package --allow-writing-to-package-directory generate-drivers` to generate: it has the permission to write")
        }
        let tool = try context.tool(named: "drivergen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments.isEmpty ? ["--help"] : arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Refusal("drivergen \(arguments.first ?? "") exited with status \(process.terminationStatus)")
        }
    }
}

struct Refusal: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
