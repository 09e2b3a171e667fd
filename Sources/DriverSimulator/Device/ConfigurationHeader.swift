import DriverRuntime

/// The standard type-0 configuration header (0x00...0x3F): ids, command and status, class,
/// BARs with the sizing protocol, subsystem ids, capability pointer, interrupt line and pin.
struct ConfigurationHeader {
    private struct BarSlot {
        var size: UInt64
        var is64Bit: Bool
        var prefetchable: Bool
        var address: UInt64
        /// True for the upper half of a 64-bit BAR.
        var isUpperHalf: Bool
    }

    let vendor: UInt16
    let device: UInt16
    let classCode: UInt32
    let revision: UInt8
    let subsystemVendor: UInt16
    let subsystem: UInt16
    let capabilityPointer: UInt8
    var command: UInt16 = 0
    var interruptLine: UInt8 = 0
    var cacheLineSize: UInt8 = 0
    private var slots: [BarSlot?] = Array(repeating: nil, count: 6)

    /// Command bits software may change: I/O, memory, bus master, SERR, INTx disable.
    static let commandWriteMask: UInt16 = 0x0547

    init(layout: DeviceLayout, deviceID: UInt16) {
        vendor = layout.pci.vendor
        device = deviceID
        classCode = layout.pci.classCode
        revision = layout.pci.revision
        subsystemVendor = layout.pci.subsystemVendor
        subsystem = layout.pci.subsystem
        capabilityPointer = layout.interrupts == nil ? 0 : UInt8(layout.capabilityOffset)
        var next32: UInt64 = 0xC000_0000, next64: UInt64 = 0x40_0000_0000
        for bar in layout.bars where bar.index < 6 {
            var address = bar.is64Bit ? next64 : next32
            address = (address + bar.size - 1) / bar.size * bar.size
            if bar.is64Bit { next64 = address + bar.size } else { next32 = address + bar.size }
            slots[bar.index] = BarSlot(size: bar.size, is64Bit: bar.is64Bit, prefetchable: bar.prefetchable, address: address, isUpperHalf: false)
            if bar.is64Bit && bar.index < 5 {
                slots[bar.index + 1] = BarSlot(size: bar.size, is64Bit: true, prefetchable: bar.prefetchable, address: address, isUpperHalf: true)
            }
        }
    }

    var memorySpaceEnabled: Bool { command & PCIConfiguration.memorySpaceEnable != 0 }
    var busMasterEnabled: Bool { command & PCIConfiguration.busMasterEnable != 0 }

    /// The address BAR `index` is programmed to.
    func barAddress(_ index: Int) -> UInt64? { slots[index].map(\.address) }

    /// The dword at `offset` (aligned, below 0x40).
    func word(_ offset: Int) -> UInt32 {
        switch offset {
        case 0x00: return UInt32(device) << 16 | UInt32(vendor)
        case 0x04:
            let status: UInt16 = capabilityPointer != 0 ? PCIConfiguration.capabilitiesListPresent : 0
            return UInt32(status) << 16 | UInt32(command)
        case 0x08: return classCode << 8 | UInt32(revision)
        case 0x0C: return UInt32(cacheLineSize)  // latency 0, header type 0, BIST 0
        case 0x10...0x24:
            guard let slot = slots[(offset - 0x10) / 4] else { return 0 }
            if slot.isUpperHalf { return UInt32(truncatingIfNeeded: slot.address >> 32) }
            let typeBits: UInt32 = (slot.is64Bit ? 0b100 : 0) | (slot.prefetchable ? 0b1000 : 0)
            return UInt32(truncatingIfNeeded: slot.address) & 0xFFFF_FFF0 | typeBits
        case 0x2C: return UInt32(subsystem) << 16 | UInt32(subsystemVendor)
        case 0x34: return UInt32(capabilityPointer)
        case 0x3C: return UInt32(capabilityPointer == 0 ? 0 : 1) << 8 | UInt32(interruptLine)
        default: return 0
        }
    }

    /// Writes the bytes `mask` selects of the dword at `offset`.
    mutating func write(_ offset: Int, value: UInt32, mask: UInt32) {
        switch offset {
        case 0x04:
            let merged = (UInt32(command) & ~mask) | (value & mask)
            command = (command & ~Self.commandWriteMask) | (UInt16(truncatingIfNeeded: merged) & Self.commandWriteMask)
        case 0x0C:
            if mask & 0xFF != 0 { cacheLineSize = UInt8(truncatingIfNeeded: value) }
        case 0x10...0x24:
            let index = (offset - 0x10) / 4
            guard var slot = slots[index] else { return }
            let merged = (word(offset) & ~mask) | (value & mask)
            if slot.isUpperHalf {
                let writable = ~(slot.size - 1) >> 32
                slot.address = (slot.address & 0xFFFF_FFFF) | (UInt64(merged) & writable) << 32
                slots[index] = slot
                if let lower = slots[index - 1] { slots[index - 1]?.address = (lower.address & 0xFFFF_FFFF) | (slot.address & ~0xFFFF_FFFF) }
            } else {
                let writable = ~(slot.size - 1) & 0xFFFF_FFF0
                slot.address = (slot.address & ~0xFFFF_FFFF) | (UInt64(merged) & writable)
                slots[index] = slot
                if slot.is64Bit, index < 5, let upper = slots[index + 1] {
                    slots[index + 1]?.address = (upper.address & ~0xFFFF_FFFF) | (slot.address & 0xFFFF_FFFF)
                }
            }
        case 0x3C:
            if mask & 0xFF != 0 { interruptLine = UInt8(truncatingIfNeeded: value) }
        default:
            break  // read-only
        }
    }
}
