/// What a microcontroller spec says, as static data in generated code (`<Chip>.layout`): its
/// peripherals at their addresses and its interrupt lines. The simulator builds the chip's
/// address space from it; register values find their fields' names in it.
public struct MicrocontrollerLayout: Sendable {
    public let name: String
    public let peripherals: [PeripheralLayout]
    public let interrupts: [InterruptLineLayout]

    public init(name: String, peripherals: [PeripheralLayout], interrupts: [InterruptLineLayout]) {
        self.name = name
        self.peripherals = peripherals
        self.interrupts = interrupts
    }

    /// The peripheral with this spec name.
    public func peripheral(named name: String) -> PeripheralLayout? { peripherals.first { $0.name == name } }

    /// Register `index` of the peripheral at `position` in `peripherals`: how generated register
    /// values find their layout (the same call as `DeviceLayout`'s).
    public func register(_ index: Int, inBarAt position: Int?) -> RegisterLayout {
        peripherals[position ?? 0].registers[index]
    }

    /// Field `field` of register `index` (see `register(_:inBarAt:)`).
    public func field(_ field: Int, ofRegister index: Int, inBarAt position: Int?) -> FieldLayout {
        register(index, inBarAt: position).fields[field]
    }
}

/// A peripheral: its registers at offsets from its base address.
public struct PeripheralLayout: Sendable {
    public let name: String
    /// The base address, as `UInt64` so a layout reads the same on every host.
    public let address: UInt64
    /// Bytes from `address` the peripheral answers.
    public let size: UInt64
    public let registers: [RegisterLayout]

    public init(name: String, address: UInt64, size: UInt64, registers: [RegisterLayout]) {
        self.name = name
        self.address = address
        self.size = size
        self.registers = registers
    }
}

/// An interrupt line of the vector table.
public struct InterruptLineLayout: Sendable {
    public let name: String
    /// IRQn: the line's vector is entry 16 + `number` of a Cortex-M vector table.
    public let number: Int

    public init(name: String, number: Int) {
        self.name = name
        self.number = number
    }
}
