import Foundation
import TestSupport
import Testing

/// docs/template-keys.md lists every key the templates use; it cannot drift from them, and every
/// key it lists is answered by a view model.
@Suite struct TemplateKeyReferenceTests {
    /// Each key name to the templates that use it.
    static func templateKeys() throws -> [String: Set<String>] {
        let folder = Repository.root.appendingPathComponent("Templates")
        var keys: [String: Set<String>] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{\{?\s*[#^&]?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\}/) {
                keys[String(match.output.1), default: []].insert(String(file.dropLast(".mustache".count)))
            }
        }
        return keys
    }

    /// Each key of the reference's table to the templates it says use it.
    static func documentedKeys() throws -> [String: Set<String>] {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("docs/template-keys.md"), encoding: .utf8)
        var keys: [String: Set<String>] = [:]
        for match in text.matches(of: /(?m)^\| `([^`]+)` \| .* \| ([^|]+) \|$/) {
            keys[String(match.output.1)] = Set(match.output.2.matches(of: /`([^`]+)`/).map { String($0.output.1) })
        }
        return keys
    }

    @Test func theReferenceListsExactlyTheKeysTheTemplatesUse() throws {
        let used = try Self.templateKeys(), documented = try Self.documentedKeys()
        #expect(used.count > 100)
        #expect(Set(used.keys).subtracting(documented.keys).sorted() == [], "used but not documented: run python3 Tests/Docs/template-keys.py")
        #expect(Set(documented.keys).subtracting(used.keys).sorted() == [], "documented but used by no template")
        for (key, templates) in used where documented[key] != nil {
            #expect(documented[key] == templates, "\(key): the reference says \(documented[key]!.sorted()), the templates \(templates.sorted())")
        }
    }

    @Test func everyKeyIsAnsweredByAViewModel() throws {
        let folder = Repository.root.appendingPathComponent("Sources/DriverCodegen/ViewModels")
        var source = ""
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            source += try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        // A MustacheParent answers `case "key"`; other view models are read by reflection: a stored property.
        let answered = Set(source.matches(of: /"([A-Za-z_][A-Za-z0-9_]*)"/).map { String($0.output.1) })
            .union(source.matches(of: /(?m)^\s*(?:var|let) ([A-Za-z_][A-Za-z0-9_]*)\s*:/).map { String($0.output.1) })
        let missing = try Self.templateKeys().keys.filter { !answered.contains($0) }.sorted()
        #expect(missing == [], "no view model answers \(missing)")
    }
}
