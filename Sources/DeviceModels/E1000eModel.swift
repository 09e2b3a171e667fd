import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Locking

/// QEMU's `e1000e` (Intel 82574L, hw/net/e1000e_core.c in QEMU 7.2), the behaviour a driver of
/// the bundled spec relies on that access kinds cannot say:
///
/// - the reset bit clears itself (after `resetDuration`) and restores the MAC address;
/// - EEPROM reads through `eepromRead` complete at once with the word (words 0-2: the MAC);
/// - interrupt causes: `interruptCauseSet` sets causes, writing `interruptCause` clears them
///   (writing `other` clears every cause it stands for), reading it clears it only while no
///   cause is unmasked or MSI-X is off; in MSI-X mode an "other" cause (link...) also sets
///   `other`, and each new unmasked cause group sends the MSI-X vector `interruptVectorAllocation`
///   gives it, once until it is cleared; `autoClear` clears causes as their message is sent;
/// - transmit queue 0: writing the tail (with transmit enabled) reads legacy descriptors and
///   their buffers by DMA, writes back "descriptor done" when report status is set, counts the
///   frames in the clear-on-read statistics and raises the queue's cause.
public final class E1000eModel: DeviceModel {
    enum Offset {
        static let control = 0x00000, status = 0x00008, eepromRead = 0x00014, extendedControl = 0x00018
        static let cause = 0x000C0, causeSet = 0x000C8, maskSet = 0x000D0, maskClear = 0x000D8
        static let autoClear = 0x000DC, vectorAllocation = 0x000E4
        static let transmitControl = 0x00400, ringBase = 0x03800, ringLength = 0x03808
        static let head = 0x03810, tail = 0x03818, arbitration0 = 0x03840
        static let goodTransmitted = 0x04080, totalTransmitted = 0x040D4, multicastTransmitted = 0x040F0
        static let broadcastTransmitted = 0x040F4, addressLow = 0x05400, addressHigh = 0x05404
    }

    enum Bit {
        static let reset: UInt64 = 1 << 26, phyReset: UInt64 = 1 << 31, phyResetAsserted: UInt64 = 1 << 10
        static let transmitDescriptorWritten: UInt64 = 1 << 0, transmitQueueEmpty: UInt64 = 1 << 1, linkStatusChange: UInt64 = 1 << 2
        static let rxQueue0: UInt64 = 1 << 20, rxQueue1: UInt64 = 1 << 21, txQueue0: UInt64 = 1 << 22, txQueue1: UInt64 = 1 << 23
        static let other: UInt64 = 1 << 24, asserted: UInt64 = 1 << 31
        /// E1000_ICR_OTHER_CAUSES: LSC, RXO, MDAC, SRPD, ACK, MNG.
        static let otherCauses: UInt64 = 1 << 2 | 1 << 6 | 1 << 9 | 1 << 16 | 1 << 17 | 1 << 18
        /// The bits interruptMaskSet takes (ims_valid_mask).
        static let validMask: UInt64 = 0x1F7_82D7
        static let autoMaskOnAcknowledge: UInt64 = 1 << 27
        static let transmitEnable: UInt64 = 1 << 1, arbitrationEnable: UInt64 = 1 << 10
    }

    /// The address QEMU's `mac=` property gives the device.
    public let macAddress: [UInt8]
    /// How long a reset takes before the reset bit clears (QEMU: at once).
    public let resetDuration: Duration

    private struct State {
        /// Causes already signalled and not cleared since (QEMU's msi_causes_pending).
        var causesSignalled: UInt64 = 0
        var framesSent: [[UInt8]] = []
    }

    private let state = Locked(State())

    public init(macAddress: [UInt8] = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56], resetDuration: Duration = .zero) {
        precondition(macAddress.count == 6, "a MAC address is 6 bytes")
        self.macAddress = macAddress
        self.resetDuration = resetDuration
    }

    /// The frames the device put on the wire, oldest first.
    public var framesSent: [[UInt8]] { state.withLock { $0.framesSent } }

    /// The EEPROM words: 0-2 the MAC address, 0x3F the checksum (all words add up to 0xBABA).
    public func eepromWord(_ index: Int) -> UInt16 {
        switch index {
        case 0...2: UInt16(macAddress[2 * index]) | UInt16(macAddress[2 * index + 1]) << 8
        case 0x3F: 0xBABA &- (0...2).reduce(UInt16(0)) { $0 &+ eepromWord($1) }
        default: 0
        }
    }

    public func reset(_ device: inout DeviceContext) {
        restoreMACAddress(&device)
    }

    private func restoreMACAddress(_ device: inout DeviceContext) {
        let low = (0..<4).reduce(UInt64(0)) { $0 | UInt64(macAddress[$1]) << (8 * UInt64($1)) }
        let high = UInt64(macAddress[4]) | UInt64(macAddress[5]) << 8 | 1 << 31
        device.setValue(low, bar: 0, offset: Offset.addressLow)
        device.setValue(high, bar: 0, offset: Offset.addressHigh)
    }

    public func read(bar: Int, offset: Int, width: Int, _ device: inout DeviceContext) -> UInt64? {
        guard bar == 0, width == 32 else { return nil }
        switch offset {
        case Offset.cause:
            let causes = value(Offset.cause, device)
            if value(Offset.maskSet, device) == 0 || !device.msixEnabled {
                device.setValue(0, bar: 0, offset: Offset.cause)
            }
            updateInterrupts(&device)
            return causes
        case Offset.causeSet:
            return value(Offset.cause, device)  // reads as the causes (QEMU, and real hardware)
        default:
            return nil
        }
    }

    public func write(bar: Int, offset: Int, width: Int, value written: UInt64, _ device: inout DeviceContext) -> WriteHandling {
        guard bar == 0, width == 32 else { return .apply }
        switch offset {
        case Offset.control:
            if written & Bit.phyReset != 0 {
                device.setValue(value(Offset.status, device) | Bit.phyResetAsserted, bar: 0, offset: Offset.status)
            }
            guard written & Bit.reset != 0 else { return .apply }
            if resetDuration == .zero {
                restoreMACAddress(&device)
                return .applyValue(written & ~Bit.reset)
            }
            device.schedule(after: resetDuration) { [self] device in
                device.setValue(value(Offset.control, device) & ~Bit.reset, bar: 0, offset: Offset.control)
                restoreMACAddress(&device)
            }
            return .apply
        case Offset.eepromRead:
            guard written & 0x1 != 0 else { return .apply }
            let address = (written >> 2) & 0x3FFF
            let data = address < 64 ? UInt64(eepromWord(Int(address))) : 0
            device.setValue(0x2 | address << 2 | data << 16, bar: 0, offset: Offset.eepromRead)
            return .handled
        case Offset.causeSet:
            device.setValue(value(Offset.cause, device) | written, bar: 0, offset: Offset.cause)
        case Offset.cause:
            var causes = value(Offset.cause, device) & ~written
            if written & Bit.other != 0 { causes &= ~Bit.otherCauses }
            device.setValue(causes, bar: 0, offset: Offset.cause)
        case Offset.maskSet:
            device.setValue(value(Offset.maskSet, device) | (written & Bit.validMask), bar: 0, offset: Offset.maskSet)
        case Offset.maskClear:
            device.setValue(value(Offset.maskSet, device) & ~written, bar: 0, offset: Offset.maskSet)
        case Offset.tail, Offset.transmitControl:
            device.setValue(offset == Offset.tail ? written & 0xFFFF : written, bar: 0, offset: offset)
            transmit(&device)
            return .handled
        default:
            return .apply
        }
        updateInterrupts(&device)
        return .handled
    }

    private func value(_ offset: Int, _ device: DeviceContext) -> UInt64 {
        device.value(bar: 0, offset: offset) ?? 0
    }

    // MARK: Interrupts (e1000e_update_interrupt_state)

    private func updateInterrupts(_ device: inout DeviceContext) {
        let msix = device.msixEnabled
        var causes = value(Offset.cause, device)
        if msix && causes & Bit.otherCauses != 0 { causes |= Bit.other }
        causes = causes & ~Bit.asserted != 0 ? causes | Bit.asserted : causes & ~Bit.asserted
        device.setValue(causes, bar: 0, offset: Offset.cause)
        let unmasked = causes & value(Offset.maskSet, device) & ~Bit.asserted
        guard unmasked != 0 else {
            state.withLock { $0.causesSignalled = 0 }
            return
        }
        guard msix else { return }  // the simulated device offers MSI-X only
        let fresh = state.withLock { state -> UInt64 in
            state.causesSignalled &= unmasked
            let fresh = unmasked & ~state.causesSignalled
            state.causesSignalled |= fresh
            return fresh
        }
        let groups: [(cause: UInt64, shift: UInt64)] = [(Bit.rxQueue0, 0), (Bit.rxQueue1, 4), (Bit.txQueue0, 8), (Bit.txQueue1, 12), (Bit.other, 16)]
        for group in groups where fresh & group.cause != 0 {
            let entry = (value(Offset.vectorAllocation, device) >> group.shift) & 0xF
            if entry & 0x8 != 0 && entry & 0x7 < 5 {
                device.signal(vector: Int(entry & 0x7))
            } else {
                device.note("e1000e: cause 0x\(String(group.cause, radix: 16)) has no valid vector in interruptVectorAllocation")
            }
            let autoCleared = value(Offset.autoClear, device) & group.cause
            if autoCleared != 0 {
                device.setValue(value(Offset.cause, device) & ~autoCleared, bar: 0, offset: Offset.cause)
                state.withLock { $0.causesSignalled &= ~autoCleared }
                if value(Offset.extendedControl, device) & Bit.autoMaskOnAcknowledge == 0 {
                    device.setValue(value(Offset.maskSet, device) & ~autoCleared, bar: 0, offset: Offset.maskSet)
                }
            }
        }
    }

    // MARK: Transmit (e1000e_start_xmit, legacy descriptors)

    private func transmit(_ device: inout DeviceContext) {
        guard value(Offset.transmitControl, device) & Bit.transmitEnable != 0,
            value(Offset.arbitration0, device) & Bit.arbitrationEnable != 0
        else { return }
        let base = value(Offset.ringBase, device) & ~0xF
        let descriptors = value(Offset.ringLength, device) & 0xF_FF80
        var head = value(Offset.head, device)
        let tail = value(Offset.tail, device)
        var cause = Bit.transmitQueueEmpty
        var packet: [UInt8] = []
        let size = UInt64(E1000e.TransmitDescriptor.size)
        while head != tail && tail < descriptors / size {
            let address = base + head * size
            guard let bytes = device.dmaRead(address, count: Int(size)) else { break }
            var descriptor = E1000e.TransmitDescriptor(copying: bytes)
            if !descriptor.command.contains(.extension), let data = device.dmaRead(descriptor.bufferAddress, count: Int(descriptor.length)) {
                packet += data
            }
            if descriptor.command.contains(.endOfPacket) {
                if packet.count >= 14 { countSent(packet, &device) }
                packet = []
            }
            if descriptor.command.contains(.reportStatus) {  // write back descriptor done
                descriptor.writeBack.descriptorDone = true
                device.dmaWrite(Array(descriptor.byteArray[12..<16]), at: address + 12)  // QEMU writes back the upper dword
                cause |= device.msixEnabled ? Bit.txQueue0 : Bit.transmitDescriptorWritten
            }
            head = (head + 1) * size >= descriptors ? 0 : head + 1
        }
        device.setValue(head, bar: 0, offset: Offset.head)
        device.setValue(value(Offset.cause, device) | cause, bar: 0, offset: Offset.cause)
        updateInterrupts(&device)
    }

    private func countSent(_ frame: [UInt8], _ device: inout DeviceContext) {
        state.withLock { $0.framesSent.append(frame) }
        let total = value(Offset.totalTransmitted, device) &+ 1
        device.setValue(total, bar: 0, offset: Offset.totalTransmitted)
        device.setValue(total, bar: 0, offset: Offset.goodTransmitted)  // QEMU: GPTC = TPT
        if frame.prefix(6).allSatisfy({ $0 == 0xFF }) {
            device.setValue(value(Offset.broadcastTransmitted, device) &+ 1, bar: 0, offset: Offset.broadcastTransmitted)
        } else if frame[0] & 1 != 0 {
            device.setValue(value(Offset.multicastTransmitted, device) &+ 1, bar: 0, offset: Offset.multicastTransmitted)
        }
    }
}
