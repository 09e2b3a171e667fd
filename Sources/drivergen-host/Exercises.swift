#if os(Linux)
import DriverRuntime
import GeneratedDrivers
import VFIOHost

/// A short workout per bundled driver, to see a device answer, and what its handlers counted.
enum Exercises {
    static func run(_ attachment: VFIOAttachment) -> [String] {
        do {
            switch attachment.driver {
            case let edu as EduDriver: return try exercise(edu, attachment)
            case let e1000e as E1000eDriver: return try exercise(e1000e, attachment)
            case let ivshmem as IvshmemDriver: return exercise(ivshmem)
            default: return ["no exercise for \(type(of: attachment.driver))"]
            }
        } catch {
            return ["exercise failed: \(error)"]
        }
    }

    static func summary(_ attachment: VFIOAttachment) -> [String] {
        switch attachment.driver {
        case let edu as EduDriver:
            return edu.queue.sync { ["factorials \(edu.factorials), DMA transfers \(edu.completedTransfers), timed out \(edu.timedOutTransfers)"] }
        case let e1000e as E1000eDriver:
            return e1000e.queue.sync { ["link changes \(e1000e.linkStatusChanges), frames sent \(e1000e.transmittedFrames), link \(e1000e.linkUp ? "up" : "down")"] }
        case let ivshmem as IvshmemDriver:
            return ivshmem.queue.sync { ["doorbell interrupts \(ivshmem.received)"] }
        default:
            return []
        }
    }

    private static func exercise(_ edu: EduDriver, _ attachment: VFIOAttachment) throws -> [String] {
        var lines: [String] = []
        let version = edu.queue.sync { edu.version() }
        lines.append("version \(version.map { "\($0.major).\($0.minor)" } ?? "unreadable"), alive: \(edu.queue.sync { edu.isAlive() })")
        edu.queue.sync { edu.computeFactorial(10) }
        let arrived = attachment.wait(timeout: .seconds(2)) { !edu.factorials.isEmpty }
        lines.append(arrived ? "10! = \(edu.queue.sync { edu.factorials.last ?? 0 }) (through MSI)" : "no factorial interrupt within 2 s")
        let polled = try edu.queue.sync { try edu.factorial(of: 12, timeout: .seconds(1)) }
        lines.append("12! = \(polled) (polled)")
        let buffer = try edu.queue.sync { try edu.makeDMABuffer(length: 4096, direction: .bidirectional) }
        defer { buffer.release() }
        buffer.copyBytes(from: Array("drivergen".utf8))
        edu.queue.sync { edu.copyToDevice(from: buffer, count: 9) }
        _ = attachment.wait(timeout: .seconds(2)) { edu.completedTransfers == 1 }
        edu.queue.sync { edu.copyFromDevice(into: buffer, offset: 16, count: 9) }
        let done = attachment.wait(timeout: .seconds(2)) { edu.completedTransfers == 2 }
        lines.append(done ? "DMA round trip: \(String(decoding: buffer.bytes(at: 16, count: 9), as: UTF8.self))" : "DMA did not complete within 2 s")
        return lines
    }

    private static func exercise(_ e1000e: E1000eDriver, _ attachment: VFIOAttachment) throws -> [String] {
        var lines: [String] = []
        let mac = e1000e.queue.sync { e1000e.macAddress() }?.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":") ?? "none"
        lines.append("MAC \(mac), link \(e1000e.queue.sync { e1000e.linkUp } ? "up" : "down")")
        e1000e.queue.sync { e1000e.raiseLinkStatusChange() }
        let arrived = attachment.wait(timeout: .seconds(2)) { e1000e.linkStatusChanges > 0 }
        lines.append(arrived ? "software link change: interrupt on MSI-X vector 4" : "no link-change interrupt within 2 s")
        return lines
    }

    private static func exercise(_ ivshmem: IvshmemDriver) -> [String] {
        ivshmem.queue.sync {
            ["peer \(ivshmem.peerID()), interrupts \(ivshmem.interruptsConfigured ? "MSI-X" : "none"), first bytes of shared memory \(ivshmem.readSharedMemory(at: 0, count: 8))"]
        }
    }
}
#endif
