import Dispatch
import DriverRuntime
import GeneratedDrivers
import Testing

extension PCIDriver {
    /// Runs `start` on the driver's queue, as the system does.
    func startOnQueue(_ provider: any PCIDeviceProvider) throws(PCIError) {
        var failure: PCIError?
        queue.sync {
            do throws(PCIError) { try start(provider: provider) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// The generated driver bases follow PCIDriverKit's start and stop order.
@Suite struct DriverLifecycleTests {
    static func storageProvider() -> RecordingProvider {
        RecordingProvider(bars: [
            0: BARInfo(memoryIndex: 0, size: 0x4000, type: .memory64),
            2: BARInfo(memoryIndex: 1, size: 0x10_0000, type: .memory64Prefetchable),
        ])
    }

    @Test func storageDriverSetsExternalBeforeItsFirstDeviceAccess() throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try driver.startOnQueue(provider)
        let events = provider.events
        let property = try #require(events.firstIndex(of: "property Physical Interconnect Location = \"External\""))
        let firstAccess = try #require(events.firstIndex { $0.hasPrefix("config ") || $0.hasPrefix("memory") || $0 == "open" })
        #expect(property < firstAccess)
        #expect(driver.properties[ServiceProperty.physicalInterconnectLocation] == .string("External"))
    }

    @Test func startAndStopFollowTheReferenceOrder() throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try driver.startOnQueue(provider)
        #expect(driver.isRegistered)
        driver.queue.sync { driver.stop(provider: provider) }
        #expect(provider.events == [
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

    @Test func eduStartsWithoutStorageProperty() throws {
        let provider = RecordingProvider(bars: [0: BARInfo(memoryIndex: 0, size: 0x10_0000, type: .memory32)])
        let driver = EduDriver()
        try driver.startOnQueue(provider)
        driver.queue.sync { driver.stop(provider: provider) }
        #expect(provider.events == [
            "start", "open", "config read16 0x4", "config write16 0x4 = 0x6", "barInfo 0",
            "configureInterrupts msi 1", "attach 0", "registerService",
            "detach 0", "config read16 0x4", "config write16 0x4 = 0x0", "close", "stop",
        ])
    }

    @Test func aFailedStartUndoesWhatItDid() throws {
        let provider = RecordingProvider(bars: [:])  // no BAR 0
        let driver = EduDriver()
        #expect(throws: PCIError.noSuchBAR(0)) {
            try driver.startOnQueue(provider)
        }
        #expect(provider.events == [
            "start", "open", "config read16 0x4", "config write16 0x4 = 0x6", "barInfo 0",
            "config read16 0x4", "config write16 0x4 = 0x0", "close",
        ])
        #expect(!driver.isRegistered)
    }

    @Test func vectorsDispatchToTheirSourcesAndAcknowledge() throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try driver.startOnQueue(provider)
        provider.poke(0b0100, memoryIndex: 0, offset: 0x10)  // mediaChange pending
        provider.interrupt(2)
        driver.queue.sync {}
        let tail = Array(provider.events.suffix(3))
        // Status read once, the handler reads status.mediaPresent, then mediaChange is written 1 to clear.
        #expect(tail == ["memory0 read32 0x10", "memory0 read32 0xc", "memory0 write32 0x10 = 0x4"])
        driver.queue.sync { driver.stop(provider: provider) }
    }

    @Test func anAllOnesStatusMeansTheDeviceIsGone() throws {
        let provider = Self.storageProvider()
        let driver = BoltStoreDriver()
        try driver.startOnQueue(provider)
        provider.poke(0xFFFF_FFFF, memoryIndex: 0, offset: 0x10)
        provider.interrupt(0)
        driver.queue.sync {}
        #expect(driver.isDeviceGone)
        #expect(provider.events.last == "memory0 read32 0x10", "nothing is written to a device that is gone")
        driver.queue.sync { driver.stop(provider: provider) }
        #expect(provider.events.suffix(6) == ["detach 3", "detach 2", "detach 1", "detach 0", "close", "stop"])
    }
}
