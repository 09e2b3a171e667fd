/// The microcontroller form of a spec: peripherals at their base addresses (as CMSIS-SVD has
/// them) and the interrupt lines of the vector table, without PCI.
extension SpecDecoder {
    /// Keys that describe a PCI function, refused in a microcontroller spec.
    static let pciOnlyKeys = ["pci", "thunderbolt", "storage", "driver", "interrupts", "config", "bars", "structures", "rings"]

    func decodeMicrocontroller(_ map: MappingReader) -> DeviceSpec? {
        let name = map.string("name")
        for key in Self.pciOnlyKeys where map.has(key) {
            sink.error(
                map.sourceMap[key], "'\(key)' describes a PCI device; this is a microcontroller spec (it has '\(map.has("peripherals") ? "peripherals" : "microcontroller")')",
                hint: Self.microcontrollerHint(for: key))
        }
        if !map.has("peripherals") {
            sink.error(
                map.location, "\(SpecObject.device.phrase(named: name?.value)) is missing 'peripherals'",
                hint: "list the peripherals with their 'base' addresses")
        }
        let microcontroller =
            map["microcontroller"].flatMap(decodeMicrocontrollerSection)
            ?? MicrocontrollerSpec(cpu: nil, interrupts: [], source: SourceMap(element: map.location))
        let nodes = map.list("peripherals")
        if nodes?.isEmpty == true {
            sink.error(map.sourceMap["peripherals"], "the microcontroller has no peripherals", hint: "describe at least one peripheral")
        }
        // Registers are named in their peripheral until derived peripherals have their copies;
        // then each gets its device name, `PERIPHERAL_REGISTER`.
        let peripherals = resolveDerivedPeripherals((nodes ?? []).enumerated().compactMap { decodePeripheral($1, index: $0) })
            .map { peripheral in
                var peripheral = peripheral
                peripheral.registers = peripheral.registers.map { Self.qualified($0, in: peripheral.name) }
                return peripheral
            }
        guard let name else { return nil }
        let placeholder = SourceMap(element: map.location)
        return DeviceSpec(
            name: name.value, description: map.string("description")?.value,
            pci: PCIIdentity(vendor: 0, devices: [], revision: nil, classCode: nil, subsystemVendor: nil, subsystem: nil, source: placeholder),
            thunderbolt: ThunderboltSupport(tunnelCompatible: false, pauseCompatible: false, source: placeholder),
            isStorage: false,
            driver: DriverIdentity(className: name.value, bundleIdentifier: "", probeScore: nil, matchClassCode: false, source: placeholder),
            interrupts: nil, configRegisters: [], bars: peripherals, microcontroller: microcontroller, source: map.sourceMap)
    }

    private static func microcontrollerHint(for key: String) -> String {
        switch key {
        case "bars": "describe each block of registers as a peripheral with its 'base' address"
        case "interrupts": "list interrupt lines under 'microcontroller: { interrupts: [...] }'"
        default: "remove it, or describe a PCI device (with 'pci', 'driver' and 'bars') instead of 'peripherals'"
        }
    }

    private func decodeMicrocontrollerSection(_ node: YAMLNode) -> MicrocontrollerSpec? {
        guard let map = MappingReader(node, as: .microcontroller, sink: sink) else { return nil }
        let interrupts = (map.list("interrupts") ?? []).compactMap { node -> MicrocontrollerInterrupt? in
            guard let line = MappingReader(node, as: .vector, sink: sink) else { return nil }
            // Cortex-M has at most 496 device interrupt lines.
            guard let name = line.string("name"), let number = line.integer("number", max: 495) else { return nil }
            return MicrocontrollerInterrupt(
                name: name.value, number: Int(number.value), description: line.string("description")?.value, source: line.sourceMap)
        }
        return MicrocontrollerSpec(cpu: map.string("cpu")?.value, interrupts: interrupts, source: map.sourceMap)
    }

    private func decodePeripheral(_ node: YAMLNode, index: Int) -> BarSpec? {
        guard let map = MappingReader(node, as: .peripheral, sink: sink) else { return nil }
        let name = map.string("name")
        let base = map.integer("base", max: UInt64(UInt32.max))
        let size = map.integer("size", max: UInt64(UInt32.max) + 1)
        let derivedFrom = map.string("derived-from")
        if derivedFrom != nil && map.has("registers") {
            sink.error(
                map.sourceMap["registers"], "a derived peripheral has the registers of the one it derives from; remove 'registers' here",
                hint: "or remove 'derived-from' and describe the registers")
        }
        let registers = resolveAliases((map.list("registers") ?? []).compactMap { decodeRegister($0) })
        guard let name, let base else {
            brokenNames.formUnion(registers.map(\.name))
            return nil
        }
        let end = registers.map { $0.offset + $0.span }.max() ?? 0
        if let size, base.value + size.value > 1 << 32 {
            sink.error(map.sourceMap["size"], "peripheral '\(name.value)' ends past the 32-bit address space (\(Hex.string(base.value)) + \(Hex.string(size.value)))")
        }
        return BarSpec(
            index: index, name: name.value, kind: .mem32, prefetchable: false,
            size: size?.value ?? max(Self.roundedUp(end), 4), description: map.string("description")?.value,
            registers: registers, address: base.value, derivedFrom: derivedFrom?.value, source: map.sourceMap)
    }

    /// A register named in its peripheral, as the device names it: `PERIPHERAL_REGISTER`, the
    /// name written kept as `memberName`; alias and effect targets likewise.
    private static func qualified(_ register: RegisterSpec, in peripheral: String) -> RegisterSpec {
        var register = register
        let prefix = peripheral + "_"
        register.memberName = register.name
        register.name = prefix + register.name
        if let target = register.aliasOf { register.aliasOf = prefix + target }
        if var effect = register.effect {
            effect.target = prefix + effect.target
            register.effect = effect
        }
        return register
    }

    /// A derived peripheral gets copies of its original's registers.
    private func resolveDerivedPeripherals(_ peripherals: [BarSpec]) -> [BarSpec] {
        let byName = Dictionary(peripherals.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return peripherals.map { peripheral in
            guard let originalName = peripheral.derivedFrom else { return peripheral }
            let location = peripheral.source["derived-from"]
            guard let original = byName[originalName] else {
                sink.error(
                    location, "peripheral '\(peripheral.name)' derives from '\(originalName)', which is not a peripheral of this spec",
                    hint: Suggestions.didYouMean(originalName, in: peripherals.map(\.name)))
                return peripheral
            }
            if original.derivedFrom != nil {
                sink.error(
                    location, "peripheral '\(peripheral.name)' derives from '\(originalName)', which is itself derived",
                    hint: "derive from '\(original.derivedFrom!)' instead")
                return peripheral
            }
            var copy = peripheral
            copy.registers = original.registers
            if !peripheral.source.wrote("size") { copy.size = original.size }
            if copy.description == nil { copy.description = original.description }
            return copy
        }
    }

    private static func roundedUp(_ bytes: UInt64) -> UInt64 { (bytes + 3) & ~3 }
}
