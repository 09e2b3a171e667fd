import Foundation

/// Runs the built `drivergen` executable, as a user would from a shell.
public enum CLI {
    public static var executable: URL { Repository.buildDirectory.appendingPathComponent("drivergen") }

    public static func run(_ arguments: [String], in directory: URL = Repository.root) throws -> Shell.Result {
        try Shell.run(executable, arguments, in: directory)
    }
}
