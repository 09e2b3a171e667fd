// drivergen-host: runs DriverGen's bundled drivers on real PCI functions through Linux VFIO.
//
//   drivergen-host list                    PCI functions, and which bundled driver matches each
//   drivergen-host run ADDRESS [--bind] [--exercise] [--seconds N]
//                                          attach the matching driver, optionally exercise the
//                                          device, count interrupts for N seconds, stop
#if os(Linux)
import DriverRuntime
import GeneratedDrivers
import Glibc
import VFIOHost

let usage = """
    usage: drivergen-host list
           drivergen-host run ADDRESS [--bind] [--exercise] [--seconds N]
    """

let host = VFIOHost()
for (type, personalities) in BundledDrivers.all { host.register(type, personalities: personalities) }

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
arguments.removeFirst()
switch command {
case "list":
    listFunctions()
case "run":
    guard let text = arguments.first, let address = PCIAddress(text) else {
        print("error: run needs a PCI address such as 0000:00:03.0\n\(usage)")
        exit(2)
    }
    let seconds = arguments.firstIndex(of: "--seconds").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 0
    exit(await run(address, bind: arguments.contains("--bind"), exercise: arguments.contains("--exercise"), seconds: seconds))
default:
    print(usage)
    exit(2)
}
#else
print("drivergen-host runs drivers on PCI functions through Linux VFIO; it is not available on this system.")
#endif
