import DriverSpec
import Foundation
import Testing

/// The JSON Schema editors use must describe the same language the loader reads.
@Suite struct SchemaTests {
    private func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: TestPaths.schema)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func schemaAndLoaderAgreeOnEveryKey() throws {
        let definitions = try #require(try schema()["$defs"] as? [String: Any])
        for object in SpecObject.allCases {
            let definition = try #require(definitions[object.rawValue] as? [String: Any], "schema lacks \(object.rawValue)")
            let properties = try #require(definition["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(object.keys), "keys of \(object.rawValue)")
            #expect(Set(definition["required"] as? [String] ?? []) == Set(object.requiredKeys), "required keys of \(object.rawValue)")
            #expect(definition["additionalProperties"] as? Bool == false, "\(object.rawValue) must refuse unknown keys")
        }
    }

    @Test func schemaListsEveryAccessKind() throws {
        let definitions = try #require(try schema()["$defs"] as? [String: Any])
        let access = try #require(definitions["access"] as? [String: Any])
        #expect(Set(access["enum"] as? [String] ?? []) == Set(AccessKind.allCases.map(\.rawValue)))
    }

    /// Checks the bundled specs with Python's jsonschema, an implementation independent of ours.
    @Test func bundledSpecsConformToTheSchema() throws {
        let script = """
            import glob, json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            files = sorted(glob.glob(sys.argv[2] + "/*.yaml"))
            for f in files:
                jsonschema.validate(yaml.safe_load(open(f)), schema, cls=jsonschema.Draft202012Validator)
            print(len(files))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, TestPaths.schema.path, TestPaths.specs.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(complaint)")
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "6")
    }

    @Test(arguments: ["edu.yaml", "ivshmem.yaml", "e1000e.yaml", "boltstore.yaml", "nvme.yaml", "nrf51.yaml"])
    func bundledSpecsPointEditorsAtTheSchema(file: String) throws {
        let text = try String(contentsOfFile: TestPaths.bundledSpec(file), encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../docs/drivergen-spec.schema.json\n"))
    }
}
