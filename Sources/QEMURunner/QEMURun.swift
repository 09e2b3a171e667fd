import Foundation
import Locking

/// `drivergen qemu`: builds the guest executables statically, packs them with the kernel's VFIO
/// modules into an initramfs, boots QEMU with the configured devices, streams the console,
/// enforces the time limit, runs the host checks, and says what failed.
public struct QEMURun: Sendable {
    public let configuration: QEMUConfiguration
    /// The package folder.
    public let package: String
    public let system: any HostSystem
    /// Where console lines and progress go.
    public let log: @Sendable (String) -> Void
    /// The QEMU executable (found on PATH unless given, as tests do).
    public var qemu: String?
    /// Where the guest executables are built.
    public var scratchPath: String

    public init(configuration: QEMUConfiguration, package: String, system: any HostSystem = LocalHostSystem(), log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.package = package
        self.system = system
        self.log = log
        scratchPath = package + "/.build-qemu"
    }

    /// The outcome of a run that booted.
    public struct Outcome: Sendable {
        public var passed: Int
        public var failed: Int
        public var console: String
        /// The line with the totals, guest and host checks together.
        public var summary: String { "\(passed) passed, \(failed) failed" }
    }

    /// Runs everything; throws when anything failed, with the failing scenarios named.
    public func run() throws(QEMURunError) -> Outcome {
        try Provisioning(system: system).ensure(packages: configuration.packages, log: log)
        guard let kernel = system.kernelImage else { throw .missingTools("no kernel image in /boot") }
        guard system.isReadable(kernel) else {
            throw .missingTools("the kernel image \(kernel) is not readable by this user: run drivergen qemu as root (sudo), or `sudo chmod +r \(kernel)`")
        }
        let version = URL(fileURLWithPath: kernel).lastPathComponent.replacingOccurrences(of: "vmlinuz-", with: "")
        let work = try makeWorkFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }

        log("drivergen qemu: building \(([configuration.guest] + configuration.alsoBuild).joined(separator: ", ")) statically")
        let build = GuestBuild(system: system, package: package, scratchPath: scratchPath)
        var executables: [String: String] = [:]
        for product in [configuration.guest] + configuration.alsoBuild {
            executables[product] = try build.build(product, linking: configuration.linkLibraries[product] ?? [])
        }

        log("drivergen qemu: packing the initramfs (kernel \(version))")
        let initramfs = work + "/initramfs.cpio.gz"
        var files: [(source: String, name: String)] = []
        for path in configuration.guestFiles {
            let source = package + "/" + path
            guard system.fileExists(source) else { throw .configuration("guest file \(path) does not exist in the package") }
            files.append((source, URL(fileURLWithPath: path).lastPathComponent))
        }
        if let afterGuest = configuration.afterGuest, !system.fileExists(package + "/" + afterGuest) {
            throw .configuration("the after-guest script \(afterGuest) does not exist in the package")
        }
        try Initramfs(system: system, modules: "/lib/modules/\(version)").pack(
            into: initramfs, folder: work + "/root", executables: executables, guest: configuration.guest,
            arguments: configuration.arguments, files: files, afterGuest: configuration.afterGuest.map { package + "/" + $0 })

        for file in configuration.backingFiles {
            guard FileManager.default.createFile(atPath: work + "/" + file.name, contents: nil),
                let handle = FileHandle(forWritingAtPath: work + "/" + file.name)
            else {
                throw .configuration("cannot create the backing file \(file.name)")
            }
            handle.truncateFile(atOffset: UInt64(file.bytes ?? 0))
            handle.closeFile()
        }
        let console = try boot(kernel: kernel, initramfs: initramfs, work: work)
        return try judge(console: console, work: work)
    }

    private func makeWorkFolder() throws(QEMURunError) -> String {
        let path = NSTemporaryDirectory() + "drivergen-qemu-" + UUID().uuidString
        do { try FileManager.default.createDirectory(atPath: path + "/root", withIntermediateDirectories: true) } catch {
            throw .configuration("cannot create a scratch folder: \(error.localizedDescription)")
        }
        return path
    }

    /// Boots QEMU, streaming the console; the console text.
    func boot(kernel: String, initramfs: String, work: String) throws(QEMURunError) -> String {
        guard let qemu = qemu ?? system.executable(named: "qemu-system-x86_64") else { throw .missingTools("qemu-system-x86_64 is not on PATH") }
        let kvm = system.kvmUsable && kvmBoots(qemu: qemu, kernel: kernel)
        let invocation = QEMUInvocation(kernel: kernel, initramfs: initramfs, memory: configuration.memory, kvm: kvm, devices: configuration.devices, work: work)
        log("drivergen qemu: booting QEMU (q35, intel-iommu, \(kvm ? "KVM" : "TCG"); limit \(configuration.timeLimit) s)")
        let (status, console, timedOut) = Self.stream(qemu, invocation.arguments, limit: configuration.timeLimit, log: log)
        try? console.write(toFile: work + "/console.log", atomically: true, encoding: .utf8)
        if timedOut {
            throw .timeLimit(
                "the guest did not finish within \(configuration.timeLimit) s (\"time-limit\" in the configuration); the console's last lines:\n" + Provisioning.tail(console))
        }
        let report = ConsoleReport(console: console)
        if !report.started, status != 0 {
            let message = QEMUInvocation.refusal(in: console) ?? Provisioning.tail(console)
            throw .qemu("QEMU exited with status \(status) before the guest started; it said:\n\(message)")
        }
        return console
    }

    /// Whether a kernel starts under KVM here: `/dev/kvm` can be usable and still hang every
    /// guest (some nested virtualization does); then the run uses TCG, slower but sure.
    func kvmBoots(qemu: String, kernel: String) -> Bool {
        let probe = [
            "-M", "q35,kernel-irqchip=split", "-accel", "kvm", "-cpu", "host", "-m", "256", "-nographic", "-no-reboot",
            "-kernel", kernel, "-append", "console=ttyS0 panic=-1",
        ]
        let (_, output, _) = Self.stream(qemu, probe, limit: 10, log: { _ in }, until: { $0.contains("Linux version") })
        let boots = output.contains("Linux version")
        if !boots { log("drivergen qemu: /dev/kvm is there but a kernel does not start under KVM here (nested virtualization?); using TCG") }
        return boots
    }

    /// Runs `executable`, echoing its output line by line, killing it after `limit` seconds.
    /// With `until`, it is stopped (not timed out) as soon as the output so far satisfies it.
    static func stream(
        _ executable: String, _ arguments: [String], limit: Int, log: @escaping @Sendable (String) -> Void,
        until done: (String) -> Bool = { _ in false }
    ) -> (status: Int32, output: String, timedOut: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let collected = Locked((text: "", pending: ""))
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            let lines: [String] = collected.withLock { state in
                let chunk = String(decoding: data, as: UTF8.self)
                state.text += chunk
                state.pending += chunk
                var complete = ConsoleReport.lines(state.pending)
                state.pending = complete.removeLast()
                return complete
            }
            for line in lines { log(line) }
        }
        do { try process.run() } catch {
            return (127, "\(executable): \(error.localizedDescription)", false)
        }
        let deadline = Date().addingTimeInterval(TimeInterval(limit))
        var timedOut = false
        while process.isRunning {
            let finished = done(collected.withLock { $0.text })
            if finished || Date() > deadline {
                timedOut = !finished
                process.terminate()
                let grace = Date().addingTimeInterval(10)
                while process.isRunning && Date() < grace { usleep(100_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(50_000)
        }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        let text: String = collected.withLock { state in
            let chunk = String(decoding: rest, as: UTF8.self)
            state.text += chunk
            let tail = state.pending + chunk
            if !tail.isEmpty { for line in ConsoleReport.lines(tail) where !line.isEmpty { log(line) } }
            return state.text
        }
        return (process.terminationStatus, text, timedOut)
    }

    /// Reads the console, runs the host checks, and throws naming what failed.
    func judge(console: String, work: String) throws(QEMURunError) -> Outcome {
        let report = ConsoleReport(console: console)
        var problems: [String] = []
        if let panic = report.panic { problems.append("the guest kernel panicked: \(panic)") }
        if !report.finished { problems.append("the guest did not finish its run (it crashed or hung); the console's last lines:\n" + Provisioning.tail(console)) }
        if report.started && report.totals == nil {
            problems.append(
                "the guest executable printed no 'N passed, N failed' line (exit status \(report.guestExitStatus.map(String.init) ?? "unknown")): it should end with GuestHarness.finish()"
            )
        }
        let failedScenarios = report.scenarios.filter { !$0.passed }
        for scenario in failedScenarios {
            problems.append("scenario failed: \(scenario.name)" + scenario.failures.map { "\n    \($0)" }.joined())
        }
        if failedScenarios.isEmpty, let status = report.guestExitStatus, status != 0 {
            problems.append("the guest executable exited with status \(status)")
        }
        var passed = report.totals?.passed ?? 0, failed = report.totals?.failed ?? 0
        for check in configuration.hostChecks {
            let result = system.run("/bin/sh", [package + "/" + check], environment: ["DRIVERGEN_QEMU_WORK": work, "DRIVERGEN_QEMU_CONSOLE": work + "/console.log"])
            for line in ConsoleReport.lines(result.output) {
                log(line)
                if line.hasPrefix("PASS ") { passed += 1 }
                if line.hasPrefix("FAIL ") {
                    failed += 1
                    problems.append("host check failed: \(line.dropFirst(5))")
                }
            }
            if result.status != 0 && !result.output.contains("FAIL ") {
                failed += 1
                problems.append("host check \(check) exited with status \(result.status)")
            }
        }
        let outcome = Outcome(passed: passed, failed: failed, console: console)
        log(outcome.summary)
        guard problems.isEmpty else { throw .failed(problems.joined(separator: "\n")) }
        return outcome
    }
}
