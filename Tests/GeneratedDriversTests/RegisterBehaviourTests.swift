import DriverRuntime
import GeneratedDrivers
import Testing

/// The generated register types of the bundled devices, driven through a recording in-memory bus.
@Suite struct RegisterBehaviourTests {
    @Test func writeStartsFromTheResetValue() throws {
        let bus = InMemoryBus(size: 0x1000)
        let config = BoltStore.ConfigSpace(bus: bus)
        // vendorLink resets to portNumber 1, linkWidth x2 (1): 0x1001.
        #expect(BoltStore.VendorLink.resetValue == 0x1001)
        config.vendorLink.write { $0.wakeOnMedia = true }
        #expect(bus.writes == [InMemoryBus.Access(kind: .write, offset: 0x60, width: 32, value: 0x1101)])
    }

    @Test func writeOfAValueWritesItExactly() {
        let bus = InMemoryBus(size: 0x1000)
        let mmio = Edu.Mmio(bus: bus)
        var command = Edu.DmaCommand.reset
        command.run = true
        command.direction = .fromDevice
        mmio.dmaCommand.write(command)
        #expect(bus.writes == [.init(kind: .write, offset: 0x98, width: 64, value: 0b11)])
    }

    @Test func modifyDoesNotClearAPendingWriteOneToClearFlag() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        bus.poke(UInt32(0b1011), at: 0x10)  // adminComplete, ioComplete and error pending
        registers.interruptStatus.modify { $0.clear(.ioComplete) }
        // Only the flag asked for is written as 1; the other pending flags are written as 0 (no effect).
        #expect(bus.writes.last == .init(kind: .write, offset: 0x10, width: 32, value: 0b0010))
        // write {} starts from the reset value, so it clears only what it is told to as well.
        registers.interruptStatus.write { $0.clear([.adminComplete, .error]) }
        #expect(bus.writes.last?.value == 0b1001)
    }

    @Test func modifyNeverWritesBackSetOrToggleActions() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        // softReset (w1s, bit 1) and activityLed (w1t, bit 12) read as 1; arbitration weighted.
        bus.poke(UInt32(0x1102), at: 0x08)
        registers.control.modify { $0.enable = true }
        #expect(bus.writes.last?.value == 0x0101)
        registers.control.modify { $0.toggle(.activityLed) }
        #expect(bus.writes.last?.value == 0x1101)
    }

    @Test func writeOnlyRegistersTakeWritesOnly() {
        let bus = InMemoryBus(size: 0x1000)
        let mmio = Edu.Mmio(bus: bus)
        mmio.interruptAcknowledge.write { $0.dma = true }
        #expect(bus.accesses == [.init(kind: .write, offset: 0x64, width: 32, value: 0x100)])
    }

    @Test func anUnknownEnumPatternRoundTrips() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        bus.poke(UInt32(0x300), at: 0x08)  // arbitration = 3, which the spec does not name
        let control = registers.control.read()
        #expect(control.arbitration == .unknown(3))
        #expect(control.arbitration.description == "unknown(0x3)")
        registers.control.modify { $0.powerState = .standby }
        #expect(bus.peek(UInt32.self, at: 0x08) == 0x320)
        var value = BoltStore.Control.reset
        value.arbitration = .unknown(3)
        #expect(value.rawValue == 0x300)
        #expect(BoltStore.Control.Arbitration(rawValue: 0x3) == .unknown(3))
    }

    @Test func totalEnumsDecodeEveryPattern() {
        for raw in UInt32(0)...3 {
            let state = BoltStore.Control.PowerState(rawValue: raw)
            #expect(state.rawValue == raw)
        }
        #expect(Edu.DmaCommand.Direction(rawValue: 1) == .fromDevice)
    }

    @Test func arraysIndexCorrectly() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        #expect(registers.queueBase.count == 4)
        #expect(registers.queueBase.indices == 0..<4)
        for index in registers.queueBase.indices {
            registers.queueBase[index].write { $0.value = 0x1000 * UInt64(index + 1) }
        }
        #expect(bus.writes.map(\.offset) == [0x100, 0x110, 0x120, 0x130])
        #expect(bus.writes.map(\.width) == [64, 64, 64, 64])
        #expect(bus.peek(UInt64.self, at: 0x120) == 0x3000)
        registers.submissionDoorbell[3].write { $0.tail = 7 }
        registers.completionDoorbell[3].write { $0.head = 9 }
        #expect(bus.peek(UInt32.self, at: 0x1018) == 7)
        #expect(bus.peek(UInt32.self, at: 0x101C) == 9)
    }

    @Test func arraysTrapOutOfRange() async {
        await #expect(processExitsWith: .failure) {
            let registers = BoltStore.Registers(bus: InMemoryBus(size: 0x4000))
            _ = registers.queueBase[4].read()
        }
        await #expect(processExitsWith: .failure) {
            let registers = BoltStore.Registers(bus: InMemoryBus(size: 0x4000))
            registers.submissionDoorbell[-1].write { $0.tail = 1 }
        }
    }

    @Test func valuesPrintFieldByField() {
        var status = Edu.Status.reset
        status.raiseInterruptOnCompletion = true
        #expect(status.description == "Status(0x0000_0080: computing: false, raiseInterruptOnCompletion: true)")
        let identification = Edu.Identification(rawValue: 0x0100_00ED)
        #expect(identification.description == "Identification(0x0100_00ED: major: 1, minor: 0, magic: 237)")
        var size = BoltStore.QueueSize.reset
        size.entries = 256
        size.priority = .urgent
        #expect(size.description == "QueueSize(0x0003_0100: entries: 256, priority: urgent)")
    }

    @Test func integerFieldsKeepToTheirBits() {
        var size = BoltStore.QueueSize(rawValue: 0xFFFF_FFFF)
        size.entries = 0x1234
        #expect(size.rawValue == 0xFFFF_1234)
        #expect(size.entries == 0x1234)
        #expect(size.priority == .urgent)
    }

    @Test func sixtyFourBitRegistersUseSixtyFourBitAccesses() {
        let bus = InMemoryBus(size: 0x1000)
        let mmio = Edu.Mmio(bus: bus)
        mmio.dmaSource.write { $0.value = 0x1_2345_6789 }
        #expect(mmio.dmaSource.read().value == 0x1_2345_6789)
        #expect(bus.accesses.map(\.width) == [64, 64])
    }
}

/// Flag sets, and writing chosen bits of a multi-bit action field.
@Suite struct FlagAndActionBitTests {
    @Test func aFlagFieldIsAnOptionSetThatKeepsUnnamedBits() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        #expect(BoltStore.Capabilities.reset.features == [.encryption, .trim])
        bus.poke(UInt32(0b1101) << 20, at: 0x04)  // encryption, namespaces and the unnamed bit 2
        let capabilities = registers.capabilities.read()
        #expect(capabilities.features.contains(.namespaces))
        #expect(!capabilities.features.contains(.trim))
        #expect(capabilities.features.rawValue == 0b1101, "an unnamed bit is kept, not lost to .unknown")
        #expect("\(capabilities.features)" == "[encryption, namespaces, 0x4]")
        #expect("\(capabilities)".contains("features: [encryption, namespaces, 0x4]"))
    }

    @Test func aWritableFlagFieldIsSetAndClearedAsASet() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        registers.control.modify { $0.enabledFeatures.insert(.trim) }
        #expect(bus.writes.last?.value == 0x20_0000, "bit 1 of the field at bit 20")
        bus.poke(UInt32(0x30_0001), at: 0x08)
        registers.control.modify { $0.enabledFeatures.remove(.encryption) }
        #expect(bus.writes.last?.value == 0x20_0001, "the other flag and the other fields stay")
        #expect(registers.control.read().enabledFeatures == [.trim])
    }

    @Test func chosenBitsOfAMultiBitWriteOneToClearField() {
        let bus = InMemoryBus(size: 0x4000)
        let registers = BoltStore.Registers(bus: bus)
        registers.queueInterruptStatus.write { $0.clear(.queues(1 << 2)) }
        #expect(bus.writes.last == .init(kind: .write, offset: 0x24, width: 32, value: 0b0100), "only queue 2's bit")
        registers.queueInterruptStatus.write { $0.clear(.queues) }
        #expect(bus.writes.last?.value == 0b1111, "the whole field")
        bus.poke(UInt32(0b1010), at: 0x24)
        registers.queueInterruptStatus.modify { $0.clear(.queues(0b1000)) }
        #expect(bus.writes.last?.value == 0b1000, "modify never writes back the pending bit it did not ask to clear")
        #expect(BoltStore.QueueInterruptStatus.Clearable.queues(0b1_0000).rawValue == 0, "bits beyond the field are dropped")
    }
}
