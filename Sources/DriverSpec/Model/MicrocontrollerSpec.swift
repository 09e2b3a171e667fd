/// What a microcontroller spec says beyond its peripherals: the core and the interrupt lines
/// of its vector table (CMSIS-SVD's `<cpu>` and `<interrupt>` entries).
public struct MicrocontrollerSpec: Sendable {
    /// The processor core as the vendor names it (`CM0`, `CM4`), if given.
    public var cpu: String?
    /// The device's interrupt lines, by number: entry 16 + number of a Cortex-M vector table.
    public var interrupts: [MicrocontrollerInterrupt]
    public var source: SourceMap

    public init(cpu: String?, interrupts: [MicrocontrollerInterrupt], source: SourceMap) {
        self.cpu = cpu
        self.interrupts = interrupts
        self.source = source
    }
}

/// One interrupt line of a microcontroller: a handler stub and a vector table entry each.
public struct MicrocontrollerInterrupt: Sendable {
    public var name: String
    /// The line's number (IRQn), 0 for the first device interrupt.
    public var number: Int
    public var description: String?
    public var source: SourceMap

    public init(name: String, number: Int, description: String?, source: SourceMap) {
        self.name = name
        self.number = number
        self.description = description
        self.source = source
    }
}
