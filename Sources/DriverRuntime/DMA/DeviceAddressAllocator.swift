/// Hands out device (bus) addresses for DMA buffers, as an IOMMU driver does: upwards through
/// the ranges the IOMMU can translate, below each buffer's addressing limit, with an unmapped
/// gap after every buffer so that an overrun faults instead of touching the next one.
/// Addresses are not reused, so a device that keeps using a released buffer faults too.
package struct DeviceAddressAllocator: Sendable {
    /// Where translation works (an IOMMU reserves some windows, e.g. the MSI range).
    package let ranges: [ClosedRange<UInt64>]
    /// Bytes left unmapped after each buffer.
    package let gap: UInt64
    private var next: UInt64

    /// The first address handed out by default.
    package static let defaultStart: UInt64 = 0x10_0000

    package init(ranges: [ClosedRange<UInt64>] = [DeviceAddressAllocator.defaultStart...UInt64.max], gap: UInt64 = 4096) {
        self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound }
        self.gap = gap
        next = max(Self.defaultStart, self.ranges.first?.lowerBound ?? Self.defaultStart)
    }

    /// The address for `length` bytes aligned to `alignment` that ends at or below `limit`
    /// (exclusive), or nil when no range has room.
    package mutating func allocate(length: UInt64, alignment: UInt64, limit: UInt64) -> UInt64? {
        let alignment = max(alignment, 1)
        for range in ranges where range.upperBound >= next {
            let start = max(next, range.lowerBound)
            let (rounded, overflow) = start.addingReportingOverflow(alignment - 1)
            guard !overflow else { return nil }
            let base = rounded / alignment * alignment
            let (end, endOverflow) = base.addingReportingOverflow(length)
            guard !endOverflow, length > 0, end - 1 <= range.upperBound else { continue }
            guard end <= limit else { return nil }
            next = end.addingReportingOverflow(gap).partialValue
            return base
        }
        return nil
    }
}
