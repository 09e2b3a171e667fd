import DriverSpec
import Foundation
import SpecSynthesis

/// Benchmarks run on demand, in a release build, from this folder:
/// `swift run -c release --package-path Benchmarks DriverGenBenchmarks [name...]`.
/// See docs/benchmarks.md for what each measures and the figures last recorded.

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "hostile-case" {
    HostileInputBenchmark.runCase(CommandLine.arguments[2])
    exit(0)
}
// One generation of rp2040, for instruction counts: `valgrind --tool=callgrind ... generate-once`.
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "generate-once" {
    GeneratorBenchmark.runOnce()
    exit(0)
}
// 100,000 simulated accesses, for instruction counts per access: `... simulate-once`.
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "simulate-once" {
    await SimulationBenchmark.runOnce()
    exit(0)
}
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "compile-case" {
    CompileBenchmark.runCase(package: CommandLine.arguments[2], configuration: CommandLine.arguments[3])
    exit(0)
}

let selected = Set(CommandLine.arguments.dropFirst())
func wants(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if wants("load") {
    SpecLoadingBenchmark.run()
}

if wants("modify") {
    ModifyBenchmark.run()
}

if wants("generate") {
    GeneratorBenchmark.run()
}

if wants("ring") {
    RingBenchmark.run()
}

if wants("simulate") {
    await SimulationBenchmark.run()
}

if wants("latency") {
    await InterruptLatencyBenchmark.run()
}

if wants("hostile") {
    HostileInputBenchmark.run()
}

// Minutes of compiling: only when asked for, e.g. `compile`, `compile rp2040 release`, `compile 250 500 debug`.
if selected.contains("compile") {
    CompileBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst()))
}
