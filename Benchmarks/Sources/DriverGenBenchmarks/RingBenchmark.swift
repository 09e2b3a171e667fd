import DriverRuntime
import GeneratedDrivers

/// Filling and consuming ring entries through the generated NVMe types (`NVMe.IoSubmissionQueue`
/// of `NVMe.SubmissionEntry`, `NVMe.IoCompletionQueue` of `NVMe.CompletionEntry`) against
/// hand-written stores and loads at the same offsets of the same memory, with the same barriers
/// and doorbell writes.
enum RingBenchmark {
    static let entries = 1_000_000
    static let slots = 1024

    static func run() {
        let submissions = Memory(bytes: slots * NVMe.SubmissionEntry.size)
        let completions = Memory(bytes: slots * NVMe.CompletionEntry.size)
        let doorbells = Memory(bytes: 0x100)
        defer {
            submissions.release()
            completions.release()
            doorbells.release()
        }
        let bus = PointerBus(base: doorbells.pointer)

        // Both sides must leave the same bytes and read the same values.
        // swiftlint:disable:next force_try
        try! typedFill(submissions.buffer, bus: bus, entries: 5000)
        let typedBytes = Array(UnsafeRawBufferPointer(start: submissions.pointer, count: slots * 64))
        handWrittenFill(submissions.pointer, depth: slots, bus: bus, entries: 5000)
        precondition(typedBytes == Array(UnsafeRawBufferPointer(start: submissions.pointer, count: slots * 64)), "the fills differ")
        var device = CompletionWriter(memory: completions.pointer)
        let typedSum = consumeAll(typed: true, completions, bus: bus, device: &device).sum
        device = CompletionWriter(memory: completions.pointer)
        let handSum = consumeAll(typed: false, completions, bus: bus, device: &device).sum
        precondition(typedSum == handSum, "the consumers read different values")

        var typedFills: [Double] = [], handFills: [Double] = [], typedTakes: [Double] = [], handTakes: [Double] = []
        let clock = ContinuousClock()
        for run in 0..<10 {
            // Each side goes first in half the runs, so neither gains from the other's warm-up.
            for typed in run % 2 == 0 ? [true, false] : [false, true] {
                let fill = clock.measure {
                    // swiftlint:disable:next force_try
                    if typed {
                        try! typedFill(submissions.buffer, bus: bus, entries: entries)
                    } else {
                        handWrittenFill(submissions.pointer, depth: slots, bus: bus, entries: entries)
                    }
                }
                device = CompletionWriter(memory: completions.pointer)
                let take = consumeAll(typed: typed, completions, bus: bus, device: &device).nanosecondsPerEntry
                if typed {
                    typedFills.append(fill.nanoseconds / Double(entries))
                    typedTakes.append(take)
                } else {
                    handFills.append(fill.nanoseconds / Double(entries))
                    handTakes.append(take)
                }
            }
        }
        report("fill", typed: typedFills, hand: handFills)
        report("consume", typed: typedTakes, hand: handTakes)
    }

    private static func report(_ what: String, typed: [Double], hand: [Double]) {
        let typedMedian = typed.sorted()[typed.count / 2], handMedian = hand.sorted()[hand.count / 2]
        print(
            String(
                format: "ring %@: typed %.2f ns/entry, hand-written %.2f ns/entry, ratio %.3f (median of %d runs of %d entries; best %.2f vs %.2f)",
                what, typedMedian, handMedian, typedMedian / handMedian, typed.count, entries, typed.min()!, hand.min()!))
    }

    // MARK: Producer

    /// NVMe Write commands through the generated ring, 64 at a time: each a zeroed entry filled
    /// by name, then the doorbell, the device consuming everything at once.
    @inline(never)
    static func typedFill(_ buffer: DMABuffer, bus: PointerBus, entries: Int) throws(PCIError) {
        var ring = try NVMe.IoSubmissionQueue(buffer: buffer, count: slots, doorbell: { bus.write32(UInt32(truncatingIfNeeded: $0), at: 0x08) })
        for batch in stride(from: 0, to: entries, by: 64) {
            try ring.push(min(64, entries - batch)) { entry, position in
                let index = batch + position
                entry.io.opcode = .write
                entry.commandID = UInt16(truncatingIfNeeded: index)
                entry.namespaceID = 1
                entry.prp1 = UInt64(truncatingIfNeeded: index) << 12
                entry.readWrite.startingLBA = UInt64(truncatingIfNeeded: index)
                entry.readWrite.blockCount = 7
            }
            ring.ringDoorbell()
            ring.deviceConsumed(upTo: ring.tail)
        }
    }

    /// The same commands as a C driver writes them: check for a free slot, clear it, store each
    /// field at its offset, a write barrier and the doorbell every 64 entries.
    @inline(never)
    static func handWrittenFill(_ memory: UnsafeMutableRawPointer, depth: Int, bus: PointerBus, entries: Int) {
        var tail = 0, head = 0
        for index in 0..<entries {
            var next = tail + 1
            if next == depth { next = 0 }
            guard next != head else { fatalError("full") }
            let entry = memory + tail * 64
            entry.initializeMemory(as: UInt64.self, repeating: 0, count: 8)
            entry.storeBytes(of: UInt32(0x01) | UInt32(UInt16(truncatingIfNeeded: index)) << 16, as: UInt32.self)  // opcode, CID
            entry.storeBytes(of: UInt32(1), toByteOffset: 4, as: UInt32.self)  // NSID
            entry.storeBytes(of: UInt64(truncatingIfNeeded: index) << 12, toByteOffset: 24, as: UInt64.self)  // PRP1
            entry.storeBytes(of: UInt64(truncatingIfNeeded: index), toByteOffset: 40, as: UInt64.self)  // SLBA
            entry.storeBytes(of: UInt32(7), toByteOffset: 48, as: UInt32.self)  // NLB
            tail = next
            if index & 63 == 63 {
                DMABarrier.beforeDoorbell()
                bus.write32(UInt32(tail), at: 0x08)
                head = tail  // the device took everything
            }
        }
    }

    // MARK: Consumer

    /// Plays the device: writes a pass of completions with the pass's phase tag.
    struct CompletionWriter {
        let memory: UnsafeMutableRawPointer
        var pass = 0

        mutating func writePass() {
            let phase: UInt32 = pass % 2 == 0 ? 1 : 0
            for slot in 0..<slots {
                let entry = memory + slot * 16
                entry.storeBytes(of: UInt32(slot), as: UInt32.self)  // result
                entry.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
                entry.storeBytes(of: UInt32(slot) | 1 << 16, toByteOffset: 8, as: UInt32.self)  // SQ head, SQ id
                entry.storeBytes(of: UInt32(slot) | phase << 16, toByteOffset: 12, as: UInt32.self)  // CID, phase, status 0
            }
            pass += 1
        }
    }

    /// Consumes `entries` completions, a pass at a time (the device's writing is not timed).
    static func consumeAll(typed: Bool, _ memory: Memory, bus: PointerBus, device: inout CompletionWriter) -> (sum: UInt64, nanosecondsPerEntry: Double) {
        // swiftlint:disable:next force_try
        var ring = try! NVMe.IoCompletionQueue(buffer: memory.buffer, count: slots, doorbell: { bus.write32(UInt32(truncatingIfNeeded: $0), at: 0x0C) })
        var head = 0, phase: UInt32 = 1
        var sum: UInt64 = 0
        var elapsed = Duration.zero
        let clock = ContinuousClock()
        var taken = 0
        while taken < entries {
            device.writePass()
            let start = clock.now
            let (passSum, count) = typed ? typedTake(&ring) : handWrittenTake(memory.pointer, depth: slots, head: &head, phase: &phase, bus: bus)
            elapsed += clock.now - start
            sum &+= passSum
            taken += count
        }
        return (sum, elapsed.nanoseconds / Double(taken))
    }

    /// Every new completion through the generated ring: phase tag, read barrier, the entry; the
    /// head doorbell once, after the drain, as Linux's `nvme_process_cq` does.
    @inline(never)
    static func typedTake(_ ring: inout NVMe.IoCompletionQueue) -> (UInt64, Int) {
        var sum: UInt64 = 0, count = 0
        ring.takeReady { entry, _ in
            guard entry.statusCodeType == .generic && entry.statusCode == 0 else { return }
            sum &+= UInt64(entry.commandID) &+ UInt64(entry.submissionQueueHead) &+ UInt64(entry.result)
            count += 1
        }
        ring.ringDoorbell()
        return (sum, count)
    }

    /// The same as a C driver reads them: a volatile load of the phase word, the barrier, loads
    /// at the fields' offsets; the doorbell once, after the drain.
    @inline(never)
    static func handWrittenTake(_ memory: UnsafeMutableRawPointer, depth: Int, head: inout Int, phase: inout UInt32, bus: PointerBus) -> (UInt64, Int) {
        var sum: UInt64 = 0, count = 0
        while true {
            let entry = memory + head * 16
            let statusWord = PointerBus(base: entry).read32(at: 12)  // a volatile load, as READ_ONCE
            guard (statusWord >> 16) & 1 == phase else { break }
            DMABarrier.afterReadyCheck()
            let status = entry.load(fromByteOffset: 12, as: UInt32.self)
            head += 1
            if head == depth {
                head = 0
                phase ^= 1
            }
            guard (status >> 25) & 0x7 == 0 && (status >> 17) & 0xFF == 0 else { continue }
            sum &+=
                UInt64(status & 0xFFFF) &+ UInt64(entry.load(fromByteOffset: 8, as: UInt32.self) & 0xFFFF)
                &+ UInt64(entry.load(as: UInt32.self))
            count += 1
        }
        bus.write32(UInt32(head), at: 0x0C)
        return (sum, count)
    }

    /// Page-aligned zeroed memory and a DMA buffer over it.
    struct Memory {
        let pointer: UnsafeMutableRawPointer
        let buffer: DMABuffer

        init(bytes: Int) {
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
            self.pointer = pointer
            buffer = DMABuffer(
                length: bytes, direction: .bidirectional, segments: [DMASegment(address: 0x10_0000, length: bytes)],
                bytes: pointer, unmap: { _ in })
        }

        func release() {
            buffer.release()
            pointer.deallocate()
        }
    }
}
