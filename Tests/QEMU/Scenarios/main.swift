#if os(Linux)
import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Glibc
import QEMUGuest
import VFIOHost

let mode = CommandLine.arguments.dropFirst().first ?? "scenarios"
let harness = GuestHarness()
switch mode {
case "benchmark":
    await runBenchmark(harness)
    harness.finish()
default:
    await harness.scenario("the guest can open devices through VFIO (vfio-pci loaded, an IOMMU)") {
        try GuestSystem.checkVFIO()
    }
    await runEduScenarios(harness)
    await runIvshmemScenarios(harness)
    await runE1000eScenarios(harness)
    await runNVMeScenarios(harness)
    harness.finish()
}
#else
print("The QEMU scenarios run on Linux only (through VFIO).")
#endif
