/// A BAR's registers through a provider's memory index: what generated drivers map their
/// register blocks on.
public struct ProviderMemoryBus: RegisterBus, Sendable {
    public let provider: any PCIDeviceProvider
    public let memoryIndex: UInt8

    public init(provider: any PCIDeviceProvider, memoryIndex: UInt8) {
        self.provider = provider
        self.memoryIndex = memoryIndex
    }

    public func read8(at offset: Int) -> UInt8 { provider.memoryRead8(memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func read16(at offset: Int) -> UInt16 { provider.memoryRead16(memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func read32(at offset: Int) -> UInt32 { provider.memoryRead32(memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func read64(at offset: Int) -> UInt64 { provider.memoryRead64(memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func write8(_ value: UInt8, at offset: Int) { provider.memoryWrite8(value, memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func write16(_ value: UInt16, at offset: Int) { provider.memoryWrite16(value, memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func write32(_ value: UInt32, at offset: Int) { provider.memoryWrite32(value, memoryIndex: memoryIndex, offset: UInt64(offset)) }
    public func write64(_ value: UInt64, at offset: Int) { provider.memoryWrite64(value, memoryIndex: memoryIndex, offset: UInt64(offset)) }
}

/// Configuration space through a provider. It has no 64-bit accesses: those become two 32-bit
/// ones, low half first.
public struct ProviderConfigurationBus: RegisterBus, Sendable {
    public let provider: any PCIDeviceProvider

    public init(provider: any PCIDeviceProvider) {
        self.provider = provider
    }

    public func read8(at offset: Int) -> UInt8 { provider.configurationRead8(at: UInt16(offset)) }
    public func read16(at offset: Int) -> UInt16 { provider.configurationRead16(at: UInt16(offset)) }
    public func read32(at offset: Int) -> UInt32 { provider.configurationRead32(at: UInt16(offset)) }
    public func read64(at offset: Int) -> UInt64 {
        UInt64(read32(at: offset)) | UInt64(read32(at: offset + 4)) << 32
    }
    public func write8(_ value: UInt8, at offset: Int) { provider.configurationWrite8(value, at: UInt16(offset)) }
    public func write16(_ value: UInt16, at offset: Int) { provider.configurationWrite16(value, at: UInt16(offset)) }
    public func write32(_ value: UInt32, at offset: Int) { provider.configurationWrite32(value, at: UInt16(offset)) }
    public func write64(_ value: UInt64, at offset: Int) {
        write32(UInt32(truncatingIfNeeded: value), at: offset)
        write32(UInt32(truncatingIfNeeded: value >> 32), at: offset + 4)
    }
}
