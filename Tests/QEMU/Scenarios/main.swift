#if os(Linux)
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Glibc
import VFIOHost

let mode = CommandLine.arguments.dropFirst().first ?? "scenarios"
let harness = Harness()
switch mode {
case "benchmark":
    runBenchmark()
default:
    await runEduScenarios(harness)
    await runIvshmemScenarios(harness)
    await runE1000eScenarios(harness)
    await runNVMeScenarios(harness)
    print(harness.summary)
}
#else
print("The QEMU scenarios run on Linux only (through VFIO).")
#endif
