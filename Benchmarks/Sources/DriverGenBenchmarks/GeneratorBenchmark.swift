import DriverCodegen
import DriverSpec
import Foundation
import LibYAML
import SpecSynthesis

/// Wall time of `drivergen generate`'s work: load, validate, render every file (nothing is
/// written, so the disk does not blur the figure). On RP2040's real register map (the figure
/// docs/benchmarks.md compares with svd2swift) and on a synthetic 10,000-register spec.
enum GeneratorBenchmark {
    static func run() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drivergen-bench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let large = directory.appendingPathComponent("large.yaml")
        try! LargeSpec.text(registers: 10_000).write(to: large, atomically: true, encoding: .utf8)
        let rp2040 = CompileBenchmark.repositoryRoot.appendingPathComponent("Tests/Chips/rp2040.yaml")
        measure("rp2040 (1,114 registers)", spec: rp2040.path, runs: 10)
        measureDependencyFloor(spec: rp2040.path, runs: 10)
        measure("10,000 synthetic registers", spec: large.path, runs: 3)
    }

    static func runOnce() {
        let rp2040 = CompileBenchmark.repositoryRoot.appendingPathComponent("Tests/Chips/rp2040.yaml")
        precondition(GenerationPipeline.render(.init(specPaths: [rp2040.path])).files != nil)
    }

    private static func measure(_ name: String, spec: String, runs: Int) {
        var bytes = 0, lines = 0
        let measurement = Measurement.time(runs: runs) {
            let outcome = GenerationPipeline.render(.init(specPaths: [spec]))
            bytes = outcome.files?.reduce(0) { $0 + $1.contents.utf8.count } ?? -1
            lines = outcome.files?.reduce(0) { $0 + $1.contents.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } } ?? -1
        }
        precondition(bytes > 0, "\(name) must generate")
        print(
            String(
                format: "generate: %@ -> %d lines, %.1f MB of output: best %.3f s, median %.3f s (%d runs)",
                name, lines, Double(bytes) / 1e6, measurement.best.milliseconds / 1000, measurement.median.milliseconds / 1000, runs))
    }

    /// How much of the time loading takes, and how much of that is libyaml producing its event
    /// stream (which the loader reads into its nodes): the part of generation that runs on one
    /// core before anything can render, and the part of it no change of ours reaches.
    private static func measureDependencyFloor(spec: String, runs: Int) {
        let text = try! String(contentsOfFile: spec, encoding: .utf8)
        let load = Measurement.time(runs: runs) {
            precondition(SpecLoader.load(text: text, file: spec).spec != nil, "the spec must load")
        }
        let parse = Measurement.time(runs: runs) {
            precondition(libyamlEvents(text) > 0, "the spec must parse")
        }
        print(
            String(
                format: "generate: of which loading (parse, decode, validate) best %.3f s, median %.3f s; libyaml's events alone best %.3f s, median %.3f s",
                load.best.milliseconds / 1000, load.median.milliseconds / 1000, parse.best.milliseconds / 1000, parse.median.milliseconds / 1000))
    }

    /// Parses `text` with libyaml and counts its events, building nothing.
    private static func libyamlEvents(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else { return 0 }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            var events = 0
            while yaml_parser_parse(&parser, &event) != 0 {
                defer { yaml_event_delete(&event) }
                events += 1
                if event.type == YAML_STREAM_END_EVENT { return events }
            }
            return 0
        }
    }
}
