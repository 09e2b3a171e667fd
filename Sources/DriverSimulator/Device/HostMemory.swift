import DriverRuntime

/// The host's memory as a device sees it through DMA: regions a test maps at bus addresses.
public final class HostMemory: Sendable {
    private let regions = Locked<[(base: UInt64, bytes: [UInt8])]>([])

    public init() {}

    /// Makes `bytes` visible to DMA at `address`.
    public func map(_ bytes: [UInt8], at address: UInt64) {
        regions.withLock { $0.append((address, bytes)) }
    }

    /// `count` bytes at `address`, or nil if they are not all mapped.
    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        regions.withLock { regions in
            for region in regions where address >= region.base && address + UInt64(count) <= region.base + UInt64(region.bytes.count) {
                let start = Int(address - region.base)
                return Array(region.bytes[start..<start + count])
            }
            return nil
        }
    }

    /// Writes `bytes` at `address`; false (nothing written) if they are not all mapped.
    @discardableResult
    public func write(_ bytes: [UInt8], at address: UInt64) -> Bool {
        regions.withLock { regions in
            for index in regions.indices where address >= regions[index].base
                && address + UInt64(bytes.count) <= regions[index].base + UInt64(regions[index].bytes.count) {
                let start = Int(address - regions[index].base)
                regions[index].bytes.replaceSubrange(start..<start + bytes.count, with: bytes)
                return true
            }
            return false
        }
    }
}
