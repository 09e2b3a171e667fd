import DriverRuntime

/// The MSI or MSI-X capability's state as the device holds it, and whether a vector may be
/// delivered now.
struct InterruptCapability {
    let layout: InterruptLayout
    let offset: Int

    // MSI
    var msiEnabled = false
    /// log2 of the vectors software enabled (Multiple Message Enable).
    var msiEnabledLog2 = 0
    var msiAddress: UInt64 = 0
    var msiData: UInt16 = 0
    var msiMask: UInt32 = 0
    var msiPending: UInt32 = 0

    // MSI-X
    var msixEnabled = false
    var msixFunctionMask = false
    /// Per entry: address, data, vector control (bit 0: masked; entries reset masked).
    var msixTable: [(address: UInt64, data: UInt32, control: UInt32)]
    var msixPending: [Bool]

    init(layout: InterruptLayout, offset: Int) {
        self.layout = layout
        self.offset = offset
        let entries = layout.kind == .msix ? layout.vectors : 0
        msixTable = Array(repeating: (0, 0, 1), count: entries)
        msixPending = Array(repeating: false, count: entries)
    }

    var isMSI: Bool { layout.kind == .msi }

    /// Capability size in config space.
    var size: Int {
        if !isMSI { return 12 }
        var size = layout.addresses64Bit ? 14 : 10
        if layout.perVectorMasking { size = layout.addresses64Bit ? 24 : 20 }
        return size
    }

    /// Multiple Message Capable: log2 of the vectors the device asks for.
    var msiCapableLog2: Int { layout.vectors > 1 ? Int.bitWidth - (layout.vectors - 1).leadingZeroBitCount : 0 }

    var dataOffset: Int { layout.addresses64Bit ? 0x0C : 0x08 }
    var maskOffset: Int { layout.addresses64Bit ? 0x10 : 0x0C }
    var pendingOffset: Int { layout.addresses64Bit ? 0x14 : 0x10 }

    // MARK: Configuration space view

    /// The 32-bit config word at `offset` within the capability.
    func configWord(_ relative: Int) -> UInt32 {
        if isMSI {
            switch relative {
            case 0x00:
                var control = UInt32(msiEnabled ? 1 : 0) | UInt32(msiCapableLog2) << 1 | UInt32(msiEnabledLog2) << 4
                if layout.addresses64Bit { control |= 1 << 7 }
                if layout.perVectorMasking { control |= 1 << 8 }
                return UInt32(PCIConfiguration.msiCapabilityID) | control << 16
            case 0x04: return UInt32(truncatingIfNeeded: msiAddress)
            case 0x08 where layout.addresses64Bit: return UInt32(truncatingIfNeeded: msiAddress >> 32)
            case dataOffset: return UInt32(msiData)
            case maskOffset where layout.perVectorMasking: return msiMask
            case pendingOffset where layout.perVectorMasking: return msiPending
            default: return 0
            }
        }
        switch relative {
        case 0x00:
            let control = UInt32(layout.vectors - 1) | (msixFunctionMask ? 1 << 14 : 0) | (msixEnabled ? 1 << 15 : 0)
            return UInt32(PCIConfiguration.msixCapabilityID) | control << 16
        case 0x04: return UInt32(layout.msixTable?.offset ?? 0) | UInt32(layout.msixTable?.bar ?? 0)
        case 0x08: return UInt32(layout.msixPBA?.offset ?? 0) | UInt32(layout.msixPBA?.bar ?? 0)
        default: return 0
        }
    }

    /// Applies a write of `value` to the bytes `mask` selects in config word `relative`.
    /// Returns true when a vector may have been unmasked.
    mutating func writeConfigWord(_ relative: Int, value: UInt32, mask: UInt32) -> Bool {
        func merge(_ old: UInt32) -> UInt32 { (old & ~mask) | (value & mask) }
        if isMSI {
            switch relative {
            case 0x00:
                let control = merge(configWord(0)) >> 16
                msiEnabled = control & 1 != 0
                msiEnabledLog2 = min(Int((control >> 4) & 0x7), msiCapableLog2)
                return true
            case 0x04: msiAddress = (msiAddress & ~0xFFFF_FFFF) | UInt64(merge(UInt32(truncatingIfNeeded: msiAddress)) & ~3)
            case 0x08 where layout.addresses64Bit: msiAddress = (msiAddress & 0xFFFF_FFFF) | UInt64(merge(UInt32(truncatingIfNeeded: msiAddress >> 32))) << 32
            case dataOffset: msiData = UInt16(truncatingIfNeeded: merge(UInt32(msiData)))
            case maskOffset where layout.perVectorMasking:
                msiMask = merge(msiMask) & (layout.vectors >= 32 ? .max : (1 << UInt32(layout.vectors)) - 1)
                return true
            default: break
            }
            return false
        }
        if relative == 0x00 {
            let control = merge(configWord(0)) >> 16
            msixFunctionMask = control & (1 << 14) != 0
            msixEnabled = control & (1 << 15) != 0
            return true
        }
        return false
    }

    // MARK: MSI-X table in BAR memory

    func tableRange(bar: Int) -> Range<Int>? {
        guard !isMSI, let table = layout.msixTable, table.bar == bar else { return nil }
        return table.offset..<table.offset + layout.vectors * 16
    }

    func pbaRange(bar: Int) -> Range<Int>? {
        guard !isMSI, let pba = layout.msixPBA, pba.bar == bar else { return nil }
        return pba.offset..<pba.offset + (layout.vectors + 63) / 64 * 8
    }

    func readTable(_ relative: Int) -> UInt32 {
        let entry = msixTable[relative / 16]
        switch relative % 16 {
        case 0: return UInt32(truncatingIfNeeded: entry.address)
        case 4: return UInt32(truncatingIfNeeded: entry.address >> 32)
        case 8: return entry.data
        default: return entry.control
        }
    }

    /// Returns true when the write may have unmasked the entry.
    mutating func writeTable(_ relative: Int, _ value: UInt32) -> Bool {
        let index = relative / 16
        switch relative % 16 {
        case 0: msixTable[index].address = (msixTable[index].address & ~0xFFFF_FFFF) | UInt64(value)
        case 4: msixTable[index].address = (msixTable[index].address & 0xFFFF_FFFF) | UInt64(value) << 32
        case 8: msixTable[index].data = value
        default:
            msixTable[index].control = value & 1
            return true
        }
        return false
    }

    func readPBA(_ relative: Int) -> UInt32 {
        var word: UInt32 = 0
        for bit in 0..<32 {
            let vector = relative * 8 + bit
            if vector < msixPending.count && msixPending[vector] { word |= 1 << UInt32(bit) }
        }
        return word
    }

    // MARK: Delivery

    /// Whether `vector` can be signalled now; if it is only masked, it is marked pending.
    /// Returns nil when delivered, or why it was held.
    mutating func deliver(_ vector: Int, busMaster: Bool) -> String? {
        guard vector >= 0 && vector < layout.vectors else { return "no vector \(vector)" }
        if isMSI {
            guard msiEnabled else { return "MSI is disabled" }
            guard vector < 1 << msiEnabledLog2 else { return "only \(1 << msiEnabledLog2) vectors are enabled" }
            guard busMaster else { return "bus mastering is off" }
            if layout.perVectorMasking && msiMask & (1 << UInt32(vector)) != 0 {
                msiPending |= 1 << UInt32(vector)
                return "vector is masked; pending"
            }
            return nil
        }
        guard msixEnabled else { return "MSI-X is disabled" }
        guard busMaster else { return "bus mastering is off" }
        if msixFunctionMask || msixTable[vector].control & 1 != 0 {
            msixPending[vector] = true
            return "vector is masked; pending"
        }
        return nil
    }

    /// Pending vectors that are no longer masked; their pending bits are cleared.
    mutating func takeUnmaskedPending(busMaster: Bool) -> [Int] {
        guard busMaster else { return [] }
        var ready: [Int] = []
        if isMSI {
            guard msiEnabled else { return [] }
            for vector in 0..<layout.vectors where msiPending & (1 << UInt32(vector)) != 0 && msiMask & (1 << UInt32(vector)) == 0 {
                msiPending &= ~(1 << UInt32(vector))
                ready.append(vector)
            }
        } else {
            guard msixEnabled && !msixFunctionMask else { return [] }
            for vector in msixPending.indices where msixPending[vector] && msixTable[vector].control & 1 == 0 {
                msixPending[vector] = false
                ready.append(vector)
            }
        }
        return ready
    }
}
