#if os(Linux)
import VFIOHost
func runEduDifferentialCheck(_ harness: Harness, address: PCIAddress) {}
#endif
