import DriverRuntime
import DriverSimulator
import Testing

/// Device addresses for DMA buffers, and the buffers' CPU side.
@Suite struct DMATests {
    @Test func addressesGoUpAlignedWithAGapAndStayBelowTheLimit() {
        var allocator = DeviceAddressAllocator()
        let first = allocator.allocate(length: 100, alignment: 4096, limit: 1 << 28)
        let second = allocator.allocate(length: 8192, alignment: 0x1_0000, limit: 1 << 28)
        #expect(first == 0x10_0000)
        #expect(second == 0x11_0000, "aligned to 64 KiB, past the first buffer and its gap")
        #expect(allocator.allocate(length: 1 << 28, alignment: 4096, limit: 1 << 28) == nil, "does not fit below the limit")
        #expect(allocator.allocate(length: 0, alignment: 4096, limit: .max) == nil)
    }

    @Test func addressesAvoidRangesTheIOMMUCannotTranslate() {
        var allocator = DeviceAddressAllocator(ranges: [0...0xFEDF_FFFF, 0xFEF0_0000...0xFFFF_FFFF])
        #expect(allocator.allocate(length: 0xFED0_0000, alignment: 4096, limit: .max) == 0x10_0000)
        let next = allocator.allocate(length: 0x20_0000, alignment: 4096, limit: .max)
        #expect(next == 0xFEF0_0000, "skips the MSI window")
    }

    @Test func aBufferCarriesBytesAndItsDeviceAddress() throws {
        let memory = HostMemory()
        let buffer = try memory.allocate(length: 64, direction: .bidirectional, specification: DMASpecification(maxAddressBits: 32))
        buffer.store(UInt32(0xDEAD_BEEF), atByteOffset: 4)
        buffer.copyBytes(from: [1, 2, 3], at: 60)
        #expect(buffer.load(UInt32.self, atByteOffset: 4) == 0xDEAD_BEEF)
        #expect(buffer.bytes(at: 4, count: 4) == [0xEF, 0xBE, 0xAD, 0xDE], "little-endian")
        #expect(buffer.bytes(at: 60, count: 4) == [1, 2, 3, 0])
        #expect(memory.read(buffer.deviceAddress + 60, count: 3) == [1, 2, 3], "the device sees the same bytes")
        #expect(buffer.segments == [DMASegment(address: buffer.deviceAddress, length: 64)])
        buffer.release()
        #expect(buffer.isReleased)
        #expect(memory.read(buffer.deviceAddress, count: 1) == nil, "unmapped")
        #expect(memory.liveSegments.isEmpty)
    }

    @Test func droppingTheLastReferenceReleasesIt() throws {
        let memory = HostMemory()
        var address: UInt64 = 0
        do {
            let buffer = try memory.allocate(length: 16, direction: .toDevice, specification: DMASpecification())
            address = buffer.deviceAddress
        }
        #expect(memory.read(address, count: 1) == nil)
    }

    @Test func impossibleRequestsAreRefusedWithAReason() {
        let memory = HostMemory()
        #expect(throws: PCIError.dmaUnavailable("a DMA buffer needs at least one byte, not 0")) {
            try memory.allocate(length: 0, direction: .toDevice, specification: DMASpecification())
        }
        #expect(throws: PCIError.dmaUnavailable("alignment 48 is not a power of two")) {
            try memory.allocate(length: 16, direction: .toDevice, specification: DMASpecification(alignment: 48))
        }
    }
}
