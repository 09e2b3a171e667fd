import Foundation
import Testing

@testable import QEMURunner

/// Every way `drivergen qemu` can fail before or around the guest, each with the message a user
/// acts on.
@Suite struct RunnerRefusalTests {
    @Test func missingToolsWithoutRootSayWhatToInstall() {
        var host = FakeHost()
        host.isRoot = false
        host.executables["qemu-system-x86_64"] = nil
        host.hasStaticBusybox = false
        #expect(
            throws: QEMURunError.missingTools(
                "drivergen qemu needs QEMU (qemu-system-x86_64), a static busybox for the guest's shell, which are not installed, "
                    + "and cannot install them (it is not running as root); install them: sudo apt-get install -y qemu-system-x86 busybox-static")
        ) {
            try Provisioning(system: host).ensure(packages: [], log: { _ in })
        }
    }

    @Test func missingKernelOnUbuntuNamesUbuntusPackage() {
        var host = FakeHost()
        host.distribution = "ubuntu"
        host.kernelImage = nil
        #expect(Provisioning(system: host).missing(packages: ["libxml2-dev"]).map(\.package) == ["linux-image-generic", "libxml2-dev"])
    }

    @Test func withoutAptGetItNamesTheDebianPackages() {
        var host = FakeHost()
        host.executables["apt-get"] = nil
        host.executables["cpio"] = nil
        #expect(
            throws: QEMURunError.missingTools(
                "drivergen qemu needs cpio, to pack the initramfs, which are not installed, and this system has no apt-get to install them; "
                    + "install the equivalents of the Debian packages cpio")
        ) {
            try Provisioning(system: host).ensure(packages: [], log: { _ in })
        }
    }

    @Test func macOSIsToldItNeedsLinux() {
        var host = FakeHost()
        host.operatingSystem = "macOS"
        #expect(
            throws: QEMURunError.unsupportedPlatform(
                "drivergen qemu boots a Linux guest that opens devices through VFIO, which needs a Linux host with QEMU; macOS has no such path "
                    + "without a Linux VM. Run it on Linux: a GitHub Actions ubuntu runner, a container, or a Linux VM (docs/linux.md, \"Test on QEMU in CI\").")
        ) {
            try Provisioning(system: host).ensure(packages: [], log: { _ in })
        }
    }

    @Test func aDeviceQEMURefusesIsShownWithQEMUsMessage() throws {
        var run = QEMURun(configuration: QEMUConfiguration(guest: "Guest", devices: [["-device", "nosuch"]]), package: "/tmp", system: FakeHost(), log: { _ in })
        run.qemu = try script("echo \"qemu-system-x86_64: -device nosuch: 'nosuch' is not a valid device model name\" >&2\nexit 1")
        #expect(
            throws: QEMURunError.qemu(
                "QEMU exited with status 1 before the guest started; it said:\nqemu-system-x86_64: -device nosuch: 'nosuch' is not a valid device model name")
        ) {
            _ = try run.boot(kernel: "/boot/vmlinuz", initramfs: "/tmp/initramfs", work: NSTemporaryDirectory())
        }
    }

    @Test func aGuestThatHangsIsStoppedAtTheTimeLimitWithTheConsoleTail() throws {
        var run = QEMURun(configuration: QEMUConfiguration(guest: "Guest", timeLimit: 1), package: "/tmp", system: FakeHost(), log: { _ in })
        run.qemu = try script("echo 'drivergen-qemu: guest started'\necho 'PASS edu: one'\nexec sleep 30")
        let started = ContinuousClock.now
        #expect(
            throws: QEMURunError.timeLimit(
                "the guest did not finish within 1 s (\"time-limit\" in the configuration); the console's last lines:\n"
                    + "drivergen-qemu: guest started\nPASS edu: one\n")
        ) {
            _ = try run.boot(kernel: "/boot/vmlinuz", initramfs: "/tmp/initramfs", work: NSTemporaryDirectory())
        }
        #expect(ContinuousClock.now - started < .seconds(15), "the hung QEMU was killed")
    }

    @Test func aGuestExecutableThatDoesNotLinkStaticallyNamesTheLibrary() throws {
        let output = """
            [12/13] Linking CalculatorGuest
            ld.lld: error: unable to find library -lxml2
            ld.lld: error: unable to find library -licuuc
            clang: error: linker command failed with exit code 1 (use -v to see invocation)
            """
        #expect(
            GuestBuild.explain(product: "CalculatorGuest", output: output)
                == "the guest executable CalculatorGuest does not link statically: the static library libxml2.a, libicuuc.a is missing "
                + "(Debian: apt-get install libxml2-dev libicu-dev, or list it under \"packages\" in the configuration)")

        var host = FakeHost()
        host.executables["swift"] = try script("echo '/usr/bin/ld.gold: error: cannot find -lsqlite3' >&2\nexit 1")
        #expect(
            throws: QEMURunError.build(
                "the guest executable Store does not link statically: the static library libsqlite3.a is missing "
                    + "(Debian: apt-get install libsqlite3-dev, or list it under \"packages\" in the configuration)")
        ) {
            _ = try GuestBuild(system: host, package: "/tmp", scratchPath: "/tmp/.build-qemu").build("Store", linking: [])
        }
    }

    @Test func anUndefinedSymbolSaysWhereToAddTheLibrary() {
        #expect(
            GuestBuild.explain(product: "Guest", output: "main.o: undefined reference to `xmlReadMemory'")
                == "the guest executable Guest does not link statically: main.o: undefined reference to `xmlReadMemory'; "
                + "add the library that defines it under \"link-libraries\" for Guest in the configuration")
    }
}
