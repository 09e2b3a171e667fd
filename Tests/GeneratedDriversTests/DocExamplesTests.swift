import Foundation
import TestSupport
import Testing

/// Every ```swift example in the doc comments of the runtime, the simulator and the VFIO host
/// compiles against the bundled generated drivers: as statements in a driver (inside an
/// `EduDriver` method), as statements of a host or test (with `simulation`, `edu` and
/// `attachment` at hand), or as declarations of its own.
@Suite struct DocExamplesTests {
    struct Example: CustomStringConvertible, Sendable {
        let file: String
        let line: Int
        let code: String
        var description: String { "\(file):\(line)" }
    }

    static let examples: [Example] = {
        var examples: [Example] = []
        for module in ["DriverRuntime", "DriverSimulator", "VFIOHost"] {
            let folder = Repository.root.appendingPathComponent("Sources/\(module)")
            let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
            for file in files {
                let lines = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))?.components(separatedBy: "\n") ?? []
                var start: Int?
                var code: [String] = []
                for (index, line) in lines.enumerated() {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text.hasPrefix("///") else { continue }
                    let content = String(text.dropFirst(3).drop { $0 == " " })
                    if start == nil, content == "```swift" {
                        start = index + 1
                        code = []
                    } else if let first = start, content == "```" {
                        examples.append(Example(file: "Sources/\(module)/\(file)", line: first, code: code.joined(separator: "\n")))
                        start = nil
                    } else if start != nil {
                        code.append(text.count > 4 ? String(text.dropFirst(4)) : "")
                    }
                }
            }
        }
        return examples
    }()

    static let imports = """
        import DeviceModels
        import DriverRuntime
        import DriverSimulator
        import GeneratedDrivers
        #if os(Linux)
        import VFIOHost
        #endif

        """

    static func contexts(_ code: String) -> [String] {
        let indented = code.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n")
        return [
            imports + "extension EduDriver {\n    func example() async throws {\n\(indented)\n    }\n}\n",
            imports + "func example(simulation: Simulation, edu: EduDriver, attachment: DriverAttachment) async throws {\n\(indented)\n}\n",
            imports + code + "\n",
        ]
    }

    @Test func examplesWereFound() {
        #expect(Self.examples.count >= 9, "\(Self.examples)")
    }

    @Test(arguments: examples)
    func compiles(_ example: Example) throws {
        var complaints: [String] = []
        for source in Self.contexts(example.code) {
            let result = try SwiftTypeChecker.typeCheck(snippet: source)
            if result.status == 0 { return }
            complaints.append(result.errors)
        }
        let firstErrors: [String] = complaints.map { complaint in
            complaint.split(separator: "\n").first { $0.contains("error:") }.map(String.init) ?? complaint
        }
        Issue.record("\(example) compiles in no context (driver method, host function, top level):\n\(example.code)\n\(firstErrors.joined(separator: "\n"))")
    }
}
