import DriverRuntime
import Locking

/// A microcontroller's address space on the host: each peripheral's registers at its base
/// address, holding values and applying every access kind as the PCI simulator does, so
/// firmware logic written against the generated registers runs in a unit test.
///
/// It is a `RegisterBus` over absolute addresses; generated code reaches a peripheral through
/// `<Chip>.Peripherals(bus:)`:
///
/// ```swift
/// let chip = SimulatedMicrocontroller(layout: NRF51.layout)
/// chip.onWrite("TXD", in: "UART0") { chip, value in
///     print("sent", value)                              // the byte leaves...
///     chip.poke("EVENTS_TXDRDY", in: "UART0", 1)        // ...and the UART says so
/// }
/// let uart = NRF51.Peripherals(bus: chip).uart0
/// uart.txd.write { $0.txd = 0x41 }
/// precondition(uart.eventsTxdrdy.read().value == 1)
/// ```
///
/// What the hardware does beyond storing values (a byte leaving the UART, a timer firing) is
/// the test's to model, with `onWrite` and `poke`. An access no peripheral answers reads 0, as
/// many chips' bus fault would stop the firmware instead, and is counted in `strayAccesses`.
/// Where peripherals share addresses (SVD's alternate peripherals), the first in the layout
/// with a register there answers.
public final class SimulatedMicrocontroller: RegisterBus, Sendable {
    /// Called after a write to a register, with the bits written.
    public typealias WriteHook = @Sendable (SimulatedMicrocontroller, UInt64) -> Void

    private struct Peripheral {
        let layout: PeripheralLayout
        var file: RegisterFile
    }

    private struct State {
        var peripherals: [Peripheral]
        /// By qualified register name.
        var hooks: [String: WriteHook] = [:]
        var strays = 0
        var pending: [Int] = []
    }

    public let layout: MicrocontrollerLayout
    private let state: Locked<State>

    public init(layout: MicrocontrollerLayout) {
        self.layout = layout
        state = Locked(State(peripherals: layout.peripherals.map { Peripheral(layout: $0, file: RegisterFile(registers: $0.registers)) }))
    }

    // MARK: Test side

    /// Runs `hook` after every write to `register` of `peripheral` (spec names).
    public func onWrite(_ register: String, in peripheral: String, _ hook: @escaping WriteHook) {
        state.withLock { $0.hooks[Self.qualified(register, peripheral)] = hook }
    }

    /// The value `register` of `peripheral` holds (element `index` of an array), without side effects.
    public func peek(_ register: String, in peripheral: String, index: Int = 0) -> UInt64? {
        state.withLock { state in
            guard let (position, element) = Self.element(register, in: peripheral, index: index, state.peripherals) else { return nil }
            return state.peripherals[position].file.peek(element)
        }
    }

    /// Stores a value in `register` of `peripheral`, as the hardware would (an event, a status).
    public func poke(_ register: String, in peripheral: String, index: Int = 0, _ value: UInt64) {
        state.withLock { state in
            guard let (position, element) = Self.element(register, in: peripheral, index: index, state.peripherals) else { return }
            state.peripherals[position].file.poke(element, value)
        }
    }

    /// Marks interrupt line `number` pending, as a peripheral's event would.
    public func raise(interrupt number: Int) {
        state.withLock { $0.pending.append(number) }
    }

    /// The lines raised since the last call, in order: the test hands each to the generated
    /// `<Chip>.InterruptHandlers.handle(_:)`, as the NVIC would to the vector table.
    public func takePendingInterrupts() -> [Int] {
        state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
    }

    /// Accesses no peripheral register answered.
    public var strayAccesses: Int { state.withLock { $0.strays } }

    // MARK: RegisterBus

    public func read8(at offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: read(offset, width: 8)) }
    public func read16(at offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: read(offset, width: 16)) }
    public func read32(at offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: read(offset, width: 32)) }
    public func read64(at offset: Int) -> UInt64 { read(offset, width: 64) }
    public func write8(_ value: UInt8, at offset: Int) { write(offset, width: 8, UInt64(value)) }
    public func write16(_ value: UInt16, at offset: Int) { write(offset, width: 16, UInt64(value)) }
    public func write32(_ value: UInt32, at offset: Int) { write(offset, width: 32, UInt64(value)) }
    public func write64(_ value: UInt64, at offset: Int) { write(offset, width: 64, value) }

    private func read(_ address: Int, width: Int) -> UInt64 {
        state.withLock { state in
            guard let (position, access) = Self.locate(UInt64(UInt(bitPattern: address)), width: width, forWrite: false, in: state.peripherals),
                state.peripherals[position].file.isReadable(access.element)
            else {
                state.strays += 1
                return 0
            }
            return state.peripherals[position].file.read(access)
        }
    }

    private func write(_ address: Int, width: Int, _ value: UInt64) {
        let hook: (WriteHook, UInt64)? = state.withLock { state in
            guard let (position, access) = Self.locate(UInt64(UInt(bitPattern: address)), width: width, forWrite: true, in: state.peripherals),
                state.peripherals[position].file.isWritable(access.element)
            else {
                state.strays += 1
                return nil
            }
            let written = state.peripherals[position].file.write(access, value)
            let register = state.peripherals[position].file.register(of: access.element)
            return state.hooks[register.name].map { ($0, written) }
        }
        // Outside the lock: a hook may peek and poke.
        if let (hook, written) = hook { hook(self, written) }
    }

    private static func locate(_ address: UInt64, width: Int, forWrite: Bool, in peripherals: [Peripheral]) -> (Int, RegisterFile.Access)? {
        for (position, peripheral) in peripherals.enumerated() {
            let base = peripheral.layout.address
            guard address >= base, address - base < peripheral.layout.size,
                let access = peripheral.file.access(at: Int(address - base), width: width, forWrite: forWrite)
            else { continue }
            return (position, access)
        }
        return nil
    }

    /// Element `index` of `register` (spec names), and its peripheral's position.
    private static func element(_ register: String, in peripheral: String, index: Int, _ peripherals: [Peripheral]) -> (Int, RegisterFile.Element)? {
        guard let position = peripherals.firstIndex(where: { $0.layout.name == peripheral }),
            let element = peripherals[position].file.element(named: qualified(register, peripheral), index: index)
        else { return nil }
        return (position, element)
    }

    /// Register names in a microcontroller's layout are `PERIPHERAL_REGISTER`.
    private static func qualified(_ register: String, _ peripheral: String) -> String { peripheral + "_" + register }
}
