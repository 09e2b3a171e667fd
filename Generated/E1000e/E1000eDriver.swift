// Created by drivergen from e1000e.yaml, once. This file is yours: `drivergen generate` never overwrites it.

import DriverRuntime

/// Intel 82574L Gigabit Ethernet controller (QEMU e1000e)
///
/// The driver: resets the controller and waits for the reset to finish, reads the MAC address
/// and the EEPROM, routes each cause group to its MSI-X vector, masks and unmasks causes with
/// the mask set / clear pair, transmits frames on queue 0 through a descriptor ring in DMA
/// memory, and reads the clear-on-read statistics counters. Call its methods with `await`.
/// The same code runs on the simulator and, through Linux VFIO, on QEMU's e1000e.
public actor E1000eDriver: E1000eDriverBase {
    /// The driver's serial queue: the actor runs there, and so do its interrupt and timer handlers.
    public nonisolated let queue = DriverQueue(label: "E1000eDriver")
    /// What the runtime keeps for the driver: provider, mapped BARs, interrupt sources, waits.
    public let service = DriverService()

    public init() {}

    /// How long the controller may take to come out of a reset.
    public static let resetTimeout: Duration = .milliseconds(50)
    /// Descriptors in the transmit ring (its length must be a multiple of 128 bytes).
    public static let transmitRingSize = 8
    /// Bytes per transmit buffer: one frame each.
    public static let frameBufferSize = 2048

    /// Counters read from the controller, added up (reading clears them on the device).
    public struct Statistics: Equatable, Sendable {
        public var goodPacketsTransmitted: UInt64 = 0
        public var totalPacketsTransmitted: UInt64 = 0
        public var broadcastPacketsTransmitted: UInt64 = 0
        public var goodPacketsReceived: UInt64 = 0
    }

    /// Link-status-change interrupts handled, coalesced ones counted.
    public private(set) var linkStatusChanges: UInt64 = 0
    /// The link state seen at the last link-status-change interrupt.
    public private(set) var linkUp = false
    /// Frames the controller reported sent (descriptor done).
    public private(set) var transmittedFrames = 0
    public private(set) var statistics = Statistics()

    /// Counts code awaits (`waitForLinkStatusChanges`, `waitForTransmittedFrames`), completed by
    /// the interrupt handlers once reached.
    private enum Milestone: Hashable, Sendable {
        case linkStatusChanges(UInt64)
        case transmittedFrames(Int)
    }

    private let milestones = Completions<Milestone, Void>()
    private var transmitRing: E1000e.TransmitQueue0?
    private var frameBuffers: DMABuffer?

    public func didStart() async throws(PCIError) {
        try await reset()
    }

    public func willStop() async {
        if !isDeviceGone && !isPaused {
            registers.interruptMaskClear.clear(.init(rawValue: .max))
        }
        releaseTransmitQueue()
    }

    // MARK: Reset, identity

    /// Resets the controller, waiting up to `timeout` for the reset to finish, and sets it up
    /// again: interrupt vectors, causes unmasked, the transmit ring on its next use.
    public func reset(timeout: Duration = resetTimeout) async throws(PCIError) {
        releaseTransmitQueue()
        try await resetController(timeout: timeout)
        routeInterruptsToVectors()
        registers.extendedControl.modify { $0.driverLoaded = true }
        registers.interruptMaskSet.write { $0.set([.txQueue0, .other, .linkStatusChange]) }
        linkUp = registers.status.read().linkUp
    }

    /// Masks every cause, resets the controller, waits for the reset bit to clear and clears
    /// the causes the reset left.
    private func resetController(timeout: Duration) async throws(PCIError) {
        registers.interruptMaskClear.clear(.init(rawValue: .max))
        registers.control.modify { $0.set(.deviceReset) }
        try await wait(for: "the controller to finish its reset", timeout: timeout) {
            let control = registers.control.read()
            return checkPresence(control.rawValue) && !control.deviceReset
        }
        registers.interruptMaskClear.clear(.init(rawValue: .max))
        _ = registers.interruptCause.read()  // with every cause masked, reading clears them
    }

    /// The MAC address in receive address 0, or nil when it is not marked valid.
    public func macAddress() -> [UInt8]? {
        let low = registers.receiveAddressLow0.read().value
        let high = registers.receiveAddressHigh0.read()
        guard checkPresence(high.rawValue), high.valid else { return nil }
        return (0..<4).map { UInt8(truncatingIfNeeded: low >> (8 * $0)) } + (0..<2).map { UInt8(truncatingIfNeeded: high.address >> (8 * $0)) }
    }

    /// One 16-bit word of the EEPROM (words 0-2 hold the MAC address).
    public func readEEPROM(word: UInt32, timeout: Duration = .milliseconds(10)) async throws(PCIError) -> UInt16 {
        registers.eepromRead.write {
            $0.address = word
            $0.start = true
        }
        var value = E1000e.EepromRead(rawValue: 0)
        try await wait(for: "EEPROM word \(word)", timeout: timeout) {
            value = registers.eepromRead.read()
            return checkPresence(value.rawValue) && value.done && value.address == word
        }
        return UInt16(truncatingIfNeeded: value.data)
    }

    // MARK: Interrupts

    /// Receive queue 0 on vector 0, transmit queue 0 on 1, receive queue 1 on 2, transmit queue
    /// 1 on 3, the other causes (link...) on 4: the vectors the spec's sources are on.
    private func routeInterruptsToVectors() {
        registers.interruptVectorAllocation.write {
            $0.rxQueue0Vector = 0
            $0.rxQueue0Valid = true
            $0.txQueue0Vector = 1
            $0.txQueue0Valid = true
            $0.rxQueue1Vector = 2
            $0.rxQueue1Valid = true
            $0.txQueue1Vector = 3
            $0.txQueue1Valid = true
            $0.otherVector = 4
            $0.otherValid = true
        }
    }

    /// Raises a link-status-change cause from software (interruptCauseSet), as a test of the
    /// interrupt path.
    public func raiseLinkStatusChange() {
        registers.interruptCauseSet.set(.linkStatusChange)
    }

    /// Masks (interruptMaskClear) or unmasks (interruptMaskSet) the link-status-change cause.
    /// In MSI-X mode it also arrives as `other`, which this driver unmasks for it alone, so
    /// both go together.
    public func setLinkStatusChangeMasked(_ masked: Bool) {
        if masked {
            registers.interruptMaskClear.clear([.linkStatusChange, .other])
        } else {
            registers.interruptMaskSet.write { $0.set([.linkStatusChange, .other]) }
        }
    }

    /// Whether the link-status-change cause is unmasked.
    public var isLinkStatusChangeEnabled: Bool {
        let mask = registers.interruptMaskSet.read()
        return mask.linkStatusChange && mask.other
    }

    public func handleLinkStatusChangeInterrupt(count: UInt64, time: DriverInstant) {
        linkStatusChanges += count
        let status = registers.status.read()
        if checkPresence(status.rawValue) { linkUp = status.linkUp }
        completeMilestones()
    }

    /// Returns once `linkStatusChanges` reaches `count`, or throws `.timedOut` after `timeout`.
    public func waitForLinkStatusChanges(_ count: UInt64, timeout: Duration) async throws(PCIError) {
        guard linkStatusChanges < count else { return }
        try await completion(of: .linkStatusChanges(count), in: milestones, timeout: timeout)
    }

    /// Returns once `transmittedFrames` reaches `count`, or throws `.timedOut` after `timeout`.
    public func waitForTransmittedFrames(_ count: Int, timeout: Duration) async throws(PCIError) {
        guard transmittedFrames < count else { return }
        try await completion(of: .transmittedFrames(count), in: milestones, timeout: timeout)
    }

    private func completeMilestones() {
        for milestone in milestones.awaitedKeys {
            switch milestone {
            case .linkStatusChanges(let count) where count <= linkStatusChanges: milestones.complete(milestone)
            case .transmittedFrames(let count) where count <= transmittedFrames: milestones.complete(milestone)
            default: break
            }
        }
    }

    // MARK: Transmit

    /// Queues `frame` (an Ethernet frame without its CRC, which the controller appends) on
    /// transmit queue 0; `transmittedFrames` grows when the controller reports it sent.
    public func transmit(_ frame: [UInt8]) throws(PCIError) {
        precondition(!frame.isEmpty && frame.count <= Self.frameBufferSize, "a frame is 1...\(Self.frameBufferSize) bytes")
        var (ring, buffers) = try transmitQueue()
        let offset = ring.tail * Self.frameBufferSize
        buffers.copyBytes(from: frame, at: offset)
        try ring.push { descriptor in
            descriptor.bufferAddress = buffers.deviceAddress(at: offset)
            descriptor.length = UInt16(frame.count)
            descriptor.command = [.endOfPacket, .insertFCS, .reportStatus]
        }
        ring.ringDoorbell()
        transmitRing = ring
    }

    /// Stops transmitting and gives the ring and its buffers back.
    private func releaseTransmitQueue() {
        guard let ring = transmitRing else { return }
        if !isDeviceGone && !isPaused {
            registers.transmitControl.modify { $0.enable = false }  // no more DMA from the ring
        }
        ring.buffer.release()
        frameBuffers?.release()
        transmitRing = nil
        frameBuffers = nil
    }

    /// The ring and its buffers, set up and the queue enabled on first use.
    private func transmitQueue() throws(PCIError) -> (ring: E1000e.TransmitQueue0, buffers: DMABuffer) {
        if let transmitRing, let frameBuffers { return (transmitRing, frameBuffers) }
        let count = Self.transmitRingSize
        let memory = try allocateDMABuffer(length: count * E1000e.TransmitDescriptor.size, direction: .bidirectional, alignment: 128)
        let buffers: DMABuffer
        let ring: E1000e.TransmitQueue0
        do {
            buffers = try allocateDMABuffer(length: count * Self.frameBufferSize, direction: .toDevice)
            ring = try E1000e.TransmitQueue0(buffer: memory, count: count, registers: registers)
        } catch {
            memory.release()
            throw error
        }
        transmitRing = ring
        frameBuffers = buffers
        registers.transmitDescriptorBase.write { $0.value = memory.deviceAddress }  // two 32-bit writes, low first
        registers.transmitDescriptorLength.write { $0.value = UInt32(count * E1000e.TransmitDescriptor.size) }
        registers.transmitDescriptorHead.write { $0.index = 0 }
        registers.transmitDescriptorTail.write { $0.index = 0 }
        registers.transmitArbitration0.modify { $0.enable = true }
        registers.transmitControl.modify {
            $0.enable = true
            $0.padShortPackets = true
            $0.collisionThreshold = 0x0F
            $0.collisionDistance = 0x3F
        }
        return (ring, buffers)
    }

    /// Counts the descriptors the controller finished (descriptor done set), oldest first.
    public func handleTransmitQueue0Interrupt(count: UInt64, time: DriverInstant) {
        guard var ring = transmitRing else { return }
        transmittedFrames += ring.reclaim()
        transmitRing = ring
        completeMilestones()
    }

    // MARK: Statistics

    /// Reads the clear-on-read counters and adds them to `statistics`.
    @discardableResult
    public func readStatistics() -> Statistics {
        statistics.goodPacketsTransmitted += UInt64(registers.goodPacketsTransmitted.read().value)
        statistics.totalPacketsTransmitted += UInt64(registers.totalPacketsTransmitted.read().value)
        statistics.broadcastPacketsTransmitted += UInt64(registers.broadcastPacketsTransmitted.read().value)
        statistics.goodPacketsReceived += UInt64(registers.goodPacketsReceived.read().value)
        return statistics
    }

    /// Receive queue 0 wrote back a descriptor (this driver does not receive).
    public func handleReceiveQueue0Interrupt(count: UInt64, time: DriverInstant) {}

    /// Transmit queue 1 is not used by this driver.
    public func handleTransmitQueue1Interrupt(count: UInt64, time: DriverInstant) {}

    /// Receive queue 1 is not used by this driver.
    public func handleReceiveQueue1Interrupt(count: UInt64, time: DriverInstant) {}
}
