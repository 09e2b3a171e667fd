import ArgumentParser
import DriverSpec
import Foundation

/// Turns command-line paths into spec files.
enum SpecPaths {
    static let defaultDirectory = "Specs"

    /// Files as given, folders expanded to the specs inside; the default folder when empty.
    static func expand(_ paths: [String]) throws -> [String] {
        let inputs = paths.isEmpty ? [defaultDirectory] : paths
        var files: [String] = []
        for path in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Console.report([.error(at: .start(of: path), "no such file or folder")])
                throw ExitCode.failure
            }
            files += isDirectory.boolValue ? SpecLoader.specFiles(in: path) : [path]
        }
        if files.isEmpty {
            Console.status("no spec files (*.yaml, *.yml) in \(inputs.joined(separator: ", "))")
            throw ExitCode.failure
        }
        return files
    }
}
