// The calculator driver on QEMU's edu device, in a QEMU guest: `swift package
// --allow-writing-to-package-directory drivergen-qemu` builds this statically and runs it there
// (the "qemu" object of drivergen.json says with which devices).
#if os(Linux)
import DriverRuntime
import QEMUGuest
import ThermalDrivers
import VFIOHost

let harness = GuestHarness()
let host = VFIOHost()
host.register(CalculatorDriver.self, personalities: Calculator.personalities)

await harness.scenario("the guest can open devices through VFIO") {
    try GuestSystem.checkVFIO()
}
var attachment: VFIOAttachment?
await harness.scenario("calculator: matching picks CalculatorDriver on QEMU's edu and it starts") {
    let attached = try await host.attach(vendor: 0x1234, device: 0x11E8, bind: true)
    attachment = attached
    harness.expectEqual(attached.personality.name, "CalculatorDriver", "winning personality")
}
if let attachment {
    let calculator = attachment.driver(as: CalculatorDriver.self)
    await harness.scenario("calculator: version and liveness") {
        harness.expectEqual(await calculator.version(), "1.0", "version")
        harness.expect(await calculator.isAlive(), "reads back the inverse of what was written")
    }
    await harness.scenario("calculator: 10! through MSI") {
        harness.expectEqual(try await calculator.factorial(of: 10, timeout: .seconds(2)), 3_628_800, "10!")
    }
    await harness.scenario("calculator: stop") {
        await attachment.detach()
    }
}
harness.finish()
#else
print("CalculatorGuest runs in a Linux QEMU guest (drivergen-qemu).")
#endif
