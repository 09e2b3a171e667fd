import Foundation

/// The public members of built modules, from `swift symbolgraph-extract`: what generated names
/// must not collide with, read from the real declarations rather than from a list kept by hand.
public enum SymbolGraph {
    /// A member's base name (`sleep` for `sleep(for:)`) and whether it is a static member.
    public struct Member: Hashable, Sendable {
        public let name: String
        public let isStatic: Bool
    }

    /// The members (requirements, extension members, implementations) of each type named in
    /// `types`, declared in `module` (a module of this package's build, or of the toolchain).
    public static func members(of types: Set<String>, in module: String) throws -> [String: Set<Member>] {
        let output = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let build = Repository.buildDirectory
        let result = try Shell.run(
            "swift",
            [
                "symbolgraph-extract", "-module-name", module, "-minimum-access-level", "public",
                "-I", build.appendingPathComponent("Modules").path,
                "-Xcc", "-fmodule-map-file=\(build.appendingPathComponent("CVolatile.build/module.modulemap").path)",
                "-Xcc", "-I\(Repository.root.appendingPathComponent("Sources/CVolatile/include").path)",
                "-output-dir", output.path,
            ])
        guard result.status == 0 else { throw Failure(message: "symbolgraph-extract \(module): \(result.errors)") }
        var found: [String: Set<Member>] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: output.path) where file.hasSuffix(".symbols.json") {
            let graph = try JSONDecoder().decode(Graph.self, from: Data(contentsOf: output.appendingPathComponent(file)))
            let symbols = Dictionary(graph.symbols.map { ($0.identifier.precise, $0) }, uniquingKeysWith: { first, _ in first })
            let typeIDs = Dictionary(
                graph.symbols.filter { types.contains($0.names.title) && $0.isType }.map { ($0.identifier.precise, $0.names.title) },
                uniquingKeysWith: { first, _ in first })
            for relation in graph.relationships where ["memberOf", "requirementOf", "optionalRequirementOf"].contains(relation.kind) {
                guard let type = typeIDs[relation.target], let member = symbols[relation.source], let last = member.pathComponents.last,
                    member.kind.identifier != "swift.associatedtype"
                else { continue }
                let name = String(last.prefix { $0 != "(" })
                guard name != "init", name != "subscript", name.first?.isLetter == true || name.first == "_" else { continue }
                found[type, default: []].insert(Member(name: name, isStatic: member.kind.identifier.hasPrefix("swift.type.")))
            }
        }
        return found
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private struct Graph: Decodable {
        let symbols: [Symbol]
        let relationships: [Relationship]
    }

    private struct Symbol: Decodable {
        struct Identifier: Decodable { let precise: String }
        struct Names: Decodable { let title: String }
        struct Kind: Decodable { let identifier: String }
        let identifier: Identifier
        let names: Names
        let kind: Kind
        let pathComponents: [String]

        var isType: Bool { ["swift.protocol", "swift.struct", "swift.class", "swift.enum"].contains(kind.identifier) }
    }

    private struct Relationship: Decodable {
        let source: String
        let target: String
        let kind: String
    }
}
