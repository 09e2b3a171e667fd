import DriverRuntime
import GeneratedDrivers

/// Typed `modify` of a multi-field register against hand-written mask-and-shift, both through
/// volatile loads and stores on the same memory.
enum ModifyBenchmark {
    static let iterations = 50_000_000

    static func run() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 0x4000, alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: 0x4000)
        defer { memory.deallocate() }
        let registers = BoltStore.Registers(bus: PointerBus(base: memory))

        var typed: [Double] = []
        var handWritten: [Double] = []
        for _ in 0..<7 {
            typed.append(nanosecondsPerOperation { typedModify(registers, iterations: iterations) })
            handWritten.append(nanosecondsPerOperation { handWrittenModify(memory, iterations: iterations) })
        }
        // The two must have done the same thing to the register.
        let check = UnsafeMutableRawPointer.allocate(byteCount: 0x4000, alignment: 64)
        check.initializeMemory(as: UInt8.self, repeating: 0, count: 0x4000)
        defer { check.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: 0x4000)
        typedModify(registers, iterations: 1000)
        handWrittenModify(check, iterations: 1000)
        precondition(memory.load(fromByteOffset: 0x108, as: UInt32.self) == check.load(fromByteOffset: 0x108, as: UInt32.self))
        precondition(memory.load(fromByteOffset: 0x008, as: UInt32.self) == check.load(fromByteOffset: 0x008, as: UInt32.self))

        let bestTyped = typed.min()!, bestHand = handWritten.min()!
        print(
            String(
                format: "modify: typed %.3f ns/op, hand-written %.3f ns/op, ratio %.3f (best of %d runs, %d modifies of 2 registers each)",
                bestTyped, bestHand, bestTyped / bestHand, typed.count, iterations))
    }

    /// Two read-modify-writes per iteration: a queue size (integer + enum field) and the
    /// controller's control register (Bool and enum fields beside write-1-to-set/toggle bits).
    @inline(never)
    static func typedModify(_ registers: BoltStore.Registers<PointerBus>, iterations: Int) {
        for index in 0..<iterations {
            registers.queueSize[1].modify {
                $0.entries = UInt32(truncatingIfNeeded: index)
                $0.priority = .high
            }
            registers.control.modify {
                $0.enable = true
                $0.powerState = .idle
                $0.arbitration = .weighted
            }
        }
    }

    @inline(never)
    static func handWrittenModify(_ base: UnsafeMutableRawPointer, iterations: Int) {
        // PointerBus's raw reads and writes are single volatile loads and stores.
        let bus = PointerBus(base: base)
        for index in 0..<iterations {
            let queueSize = 0x108 + 1 * 0x10
            var value = bus.read32(at: queueSize)
            value = (value & ~0xFFFF) | (UInt32(truncatingIfNeeded: index) & 0xFFFF)
            value = (value & ~0x3_0000) | (2 << 16)
            bus.write32(value, at: queueSize)

            let control = 0x008
            var bits = bus.read32(at: control)
            bits &= ~0x1002  // never write the write-1-to-set / toggle bits back
            bits |= 0x1
            bits = (bits & ~0x30) | (1 << 4)
            bits = (bits & ~0x300) | (1 << 8)
            bus.write32(bits, at: control)
        }
    }

    private static func nanosecondsPerOperation(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return elapsed.nanoseconds / Double(iterations * 2)
    }
}
