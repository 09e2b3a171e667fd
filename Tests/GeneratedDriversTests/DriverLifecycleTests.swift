import DriverRuntime
import GeneratedDrivers
import Testing

/// The generated driver bases follow PCIDriverKit's start and stop order.
@Suite struct DriverLifecycleTests {
    static func storageProvider() -> RecordingProvider {
        RecordingProvider(bars: [
            0: BARInfo(memoryIndex: 0, size: 0x4000, type: .memory64),
            2: BARInfo(memoryIndex: 1, size: 0x10_0000, type: .memory64Prefetchable),
        ])
    }

    @Test func storageDriverSetsExternalBeforeItsFirstDeviceAccess() async throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try await driver.start(provider: provider)
        let events = provider.events
        let property = try #require(events.firstIndex(of: "property Physical Interconnect Location = \"External\""))
        let firstAccess = try #require(events.firstIndex { $0.hasPrefix("config ") || $0.hasPrefix("memory") || $0 == "open" })
        #expect(property < firstAccess)
        #expect(await driver.properties[ServiceProperty.physicalInterconnectLocation] == .string("External"))
    }

    @Test func startAndStopFollowTheReferenceOrder() async throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try await driver.start(provider: provider)
        #expect(await driver.isRegistered)
        await driver.stop(provider: provider)
        #expect(
            provider.events == [
                "start",
                "property Physical Interconnect Location = \"External\"",
                "open",
                "config read16 0x4",
                "config write16 0x4 = 0x6",
                "barInfo 0",
                "barInfo 2",  // the data buffer: plain memory, mapped as a bus
                "configureInterrupts msix 4",
                "attach 0", "attach 1", "attach 2", "attach 3",
                "memory0 write32 0x1c = 0xf",  // interruptMaskClear: all four causes unmasked
                "registerService",
                "memory0 write32 0x18 = 0xf",  // stop: interruptMaskSet, causes masked first
                "detach 3", "detach 2", "detach 1", "detach 0",
                "config read16 0x4",
                "config write16 0x4 = 0x0",
                "close",
                "stop",
            ])
    }

    @Test func eduStartsWithoutStorageProperty() async throws {
        let provider = RecordingProvider(bars: [0: BARInfo(memoryIndex: 0, size: 0x10_0000, type: .memory32)])
        let driver = EduDriver()
        try await driver.start(provider: provider)
        await driver.stop(provider: provider)
        #expect(
            provider.events == [
                "start", "open", "config read16 0x4", "config write16 0x4 = 0x6", "barInfo 0",
                "configureInterrupts msi 1", "attach 0", "registerService",
                "detach 0", "config read16 0x4", "config write16 0x4 = 0x0", "close", "stop",
            ])
    }

    @Test func aFailedStartUndoesWhatItDid() async throws {
        let provider = RecordingProvider(bars: [:])  // no BAR 0
        let driver = EduDriver()
        await #expect(throws: PCIError.noSuchBAR(0)) {
            try await driver.start(provider: provider)
        }
        #expect(
            provider.events == [
                "start", "open", "config read16 0x4", "config write16 0x4 = 0x6", "barInfo 0",
                "config read16 0x4", "config write16 0x4 = 0x0", "close", "stop",
            ])
        #expect(await !driver.isRegistered)
    }

    @Test func vectorsDispatchToTheirSourcesAndAcknowledge() async throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try await driver.start(provider: provider)
        provider.poke(0b0100, memoryIndex: 0, offset: 0x10)  // mediaChange pending
        provider.interrupt(2)
        await driver.queue.drain()
        let tail = Array(provider.events.suffix(3))
        // Status read once, the handler reads status.mediaPresent, then mediaChange is written 1 to clear.
        #expect(tail == ["memory0 read32 0x10", "memory0 read32 0xc", "memory0 write32 0x10 = 0x4"])
        await driver.stop(provider: provider)
    }

    @Test func anAllOnesStatusMeansTheDeviceIsGone() async throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try await driver.start(provider: provider)
        provider.poke(0xFFFF_FFFF, memoryIndex: 0, offset: 0x10)
        provider.interrupt(0)
        await driver.queue.drain()
        #expect(await driver.isDeviceGone)
        #expect(provider.events.last == "memory0 read32 0x10", "nothing is written to a device that is gone")
        await driver.stop(provider: provider)
        #expect(provider.events.suffix(6) == ["detach 3", "detach 2", "detach 1", "detach 0", "close", "stop"])
    }
}
