import DriverRuntime

/// One thing that happened in a simulation, stamped with virtual time.
public struct TraceEvent: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case configRead(offset: Int, width: Int, value: UInt64)
        case configWrite(offset: Int, width: Int, value: UInt64)
        case memoryRead(bar: Int, offset: Int, width: Int, value: UInt64)
        case memoryWrite(bar: Int, offset: Int, width: Int, value: UInt64)
        /// A read of a width the device does not accept there, or of no register: all ones.
        case invalidRead(bar: Int, offset: Int, width: Int)
        /// A write the device dropped for the same reasons.
        case invalidWrite(bar: Int, offset: Int, width: Int, value: UInt64)
        /// An access to a device that is gone: reads return all ones, writes are dropped.
        case absent(bar: Int?, offset: Int, isWrite: Bool)
        /// An access the device ignored because memory decoding is off.
        case decodeDisabled(bar: Int, offset: Int, isWrite: Bool)
        /// The device signalled an MSI / MSI-X vector and it was delivered.
        case interrupt(vector: Int)
        /// The device wanted to interrupt but could not (why: disabled, masked, no bus master...).
        case interruptHeld(vector: Int, reason: String)
        /// A DMA transfer to or from host memory.
        case dma(address: UInt64, length: Int, toHost: Bool)
        /// A DMA access the IOMMU refused: no live buffer there, or against its direction.
        // Indirect: the widest cases, and rare, boxed so that every event stays small.
        indirect case dmaFault(address: UInt64, length: Int, toHost: Bool, reason: String)
        indirect case propertySet(key: String, value: PropertyValue)
        case opened
        case closed
        case driverStarted(driver: String)
        case serviceRegistered
        case driverStopped(driver: String)
        case interruptsConfigured(type: String, vectors: Int)
        case surpriseRemoved
        case paused
        case resumed
        /// The driver touched the device while it was paused or after it was gone.
        case violation(String)
        /// A note from a device model (e.g. "factorial done").
        case note(String)
    }

    /// When it happened, in virtual time.
    public let time: DriverInstant
    public let kind: Kind

    public var description: String {
        let nanoseconds = time.nanosecondsSinceStart
        let microseconds = String(nanoseconds / 1000 % 1_000_000)
        let stamp = "\(nanoseconds / 1_000_000_000)." + String(repeating: "0", count: 6 - microseconds.count) + microseconds
        return "[\(String(repeating: " ", count: max(0, 10 - stamp.count)))\(stamp)s] \(kind.text)"
    }
}

extension TraceEvent.Kind {
    /// The event as one readable line, without the time.
    public var text: String {
        func hex(_ value: UInt64, _ width: Int) -> String {
            let digits = String(value, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, width / 4 - digits.count)) + digits
        }
        switch self {
        case let .configRead(offset, width, value): return "config  read\(width) [\(hex(UInt64(offset), 12))] -> \(hex(value, width))"
        case let .configWrite(offset, width, value): return "config  write\(width) [\(hex(UInt64(offset), 12))] <- \(hex(value, width))"
        case let .memoryRead(bar, offset, width, value): return "bar\(bar)    read\(width) [\(hex(UInt64(offset), 20))] -> \(hex(value, width))"
        case let .memoryWrite(bar, offset, width, value): return "bar\(bar)    write\(width) [\(hex(UInt64(offset), 20))] <- \(hex(value, width))"
        case let .invalidRead(bar, offset, width): return "bar\(bar)    read\(width) [\(hex(UInt64(offset), 20))] invalid: all ones"
        case let .invalidWrite(bar, offset, width, value): return "bar\(bar)    write\(width) [\(hex(UInt64(offset), 20))] <- \(hex(value, width)) invalid: dropped"
        case let .absent(bar, offset, isWrite):
            return
                "\(bar.map { "bar\($0)   " } ?? "config ") \(isWrite ? "write" : "read") [\(hex(UInt64(offset), bar == nil ? 12 : 20))] device gone: \(isWrite ? "dropped" : "all ones")"
        case let .decodeDisabled(bar, offset, isWrite): return "bar\(bar)    \(isWrite ? "write" : "read") [\(hex(UInt64(offset), 20))] ignored: memory decoding is off"
        case let .interrupt(vector): return "interrupt vector \(vector)"
        case let .interruptHeld(vector, reason): return "interrupt vector \(vector) held: \(reason)"
        case let .dma(address, length, toHost): return "dma \(length) bytes \(toHost ? "to" : "from") host \(hex(address, 64))"
        case let .dmaFault(address, length, toHost, reason):
            return "DMA FAULT: \(length) bytes \(toHost ? "to" : "from") host \(hex(address, 64)): \(reason)"
        case let .propertySet(key, value): return "property \(key) = \(value)"
        case .opened: return "open"
        case .closed: return "close"
        case let .driverStarted(driver): return "start \(driver)"
        case .serviceRegistered: return "registerService"
        case let .driverStopped(driver): return "stop \(driver)"
        case let .interruptsConfigured(type, vectors): return "configure interrupts \(type) x\(vectors)"
        case .surpriseRemoved: return "surprise removal"
        case .paused: return "pause"
        case .resumed: return "resume"
        case let .violation(text): return "VIOLATION: \(text)"
        case let .note(text): return "note: \(text)"
        }
    }

    /// A config or memory access by the driver.
    public var isDeviceAccess: Bool {
        switch self {
        case .configRead, .configWrite, .memoryRead, .memoryWrite, .invalidRead, .invalidWrite, .decodeDisabled, .absent: true
        default: false
        }
    }
}
