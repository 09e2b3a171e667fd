#if os(Linux)
import DriverRuntime
import GeneratedDrivers
import VFIOHost

/// A short workout per bundled driver, to see a device answer, and what its handlers counted.
enum Exercises {
    static func run(_ attachment: VFIOAttachment) async -> [String] {
        do {
            switch attachment.driver {
            case let edu as EduDriver: return try await exercise(edu)
            case let e1000e as E1000eDriver: return await exercise(e1000e)
            case let ivshmem as IvshmemDriver: return await exercise(ivshmem)
            case let nvme as NVMeDriver: return try await exercise(nvme)
            default: return ["no exercise for \(type(of: attachment.driver))"]
            }
        } catch {
            return ["exercise failed: \(error)"]
        }
    }

    static func summary(_ attachment: VFIOAttachment) async -> [String] {
        switch attachment.driver {
        case let edu as EduDriver:
            return await edu.run { ["factorials \($0.factorials), DMA transfers \($0.completedTransfers), timed out \($0.timedOutTransfers)"] }
        case let e1000e as E1000eDriver:
            return await e1000e.run { ["link changes \($0.linkStatusChanges), frames sent \($0.transmittedFrames), link \($0.linkUp ? "up" : "down")"] }
        case let ivshmem as IvshmemDriver:
            return ["doorbell interrupts \(await ivshmem.received)"]
        case let nvme as NVMeDriver:
            return await nvme.run { ["commands completed \($0.completedCommands), completion interrupts \($0.completionInterrupts)"] }
        default:
            return []
        }
    }

    private static func exercise(_ edu: EduDriver) async throws(PCIError) -> [String] {
        var lines: [String] = []
        let version = await edu.version()
        lines.append("version \(version.map { "\($0.major).\($0.minor)" } ?? "unreadable"), alive: \(await edu.isAlive())")
        let factorial = try await edu.factorial(of: 10, timeout: .seconds(2))
        lines.append("10! = \(factorial) (awaited through MSI)")
        let polled = try await edu.polledFactorial(of: 12, timeout: .seconds(1))
        lines.append("12! = \(polled) (polled)")
        let buffer = try await edu.makeDMABuffer(length: 4096, direction: .bidirectional)
        defer { buffer.release() }
        buffer.copyBytes(from: Array("drivergen".utf8))
        try await edu.copyToDevice(from: buffer, count: 9)
        try await edu.copyFromDevice(into: buffer, offset: 16, count: 9)
        lines.append("DMA round trip: \(String(decoding: buffer.bytes(at: 16, count: 9), as: UTF8.self))")
        return lines
    }

    private static func exercise(_ e1000e: E1000eDriver) async -> [String] {
        var lines: [String] = []
        let mac = await e1000e.macAddress()?.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":") ?? "none"
        lines.append("MAC \(mac), link \(await e1000e.linkUp ? "up" : "down")")
        let changes = await e1000e.linkStatusChanges
        await e1000e.raiseLinkStatusChange()
        do {
            try await e1000e.waitForLinkStatusChanges(changes + 1, timeout: .seconds(2))
            lines.append("software link change: interrupt on MSI-X vector 4")
        } catch {
            lines.append("no link-change interrupt: \(error)")
        }
        return lines
    }

    /// Identify only: the exercise reads the namespace but never writes it.
    private static func exercise(_ nvme: NVMeDriver) async throws(PCIError) -> [String] {
        let controller = try await nvme.identifyController()
        let namespace = try await nvme.identifyNamespace()
        return [
            "model '\(controller.modelNumber)', serial '\(controller.serialNumber)', firmware '\(controller.firmwareRevision)'",
            "namespace 1: \(namespace.namespaceSize) blocks of \(await nvme.blockSize) bytes",
        ]
    }

    private static func exercise(_ ivshmem: IvshmemDriver) async -> [String] {
        await ivshmem.run {
            ["peer \($0.peerID()), interrupts \($0.interruptsConfigured ? "MSI-X" : "none"), first bytes of shared memory \($0.readSharedMemory(at: 0, count: 8))"]
        }
    }
}
#endif
