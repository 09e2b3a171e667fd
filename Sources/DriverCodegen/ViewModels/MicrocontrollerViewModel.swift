import DriverSpec
import Mustache

/// What a microcontroller spec's own files render from: its peripherals at their addresses
/// (in the blocks file), its layout (hosted only), its interrupt lines and vector table.
struct MicrocontrollerViewModel {
    struct Peripheral {
        let docLines: [String]
        /// The static property: `uart0`.
        let name: String
        /// The block type: `Uart0`.
        let typeName: String
        let address: String
        let specName: String
        let size: String
        let table: [String]
        let tableProperty: String
    }

    struct Line {
        let docLines: [String]
        /// The `Interrupt` case and the handler's name: `uart0`.
        let name: String
        let number: Int
        let specName: String
        /// A blank line before it in the handlers file.
        let separator: Bool
    }

    let header: String
    let userHeader: String
    let specName: String
    let namespace: String
    let peripherals: [Peripheral]
    let interrupts: [Line]
    /// The handler of each vector table entry from IRQ 0 to the highest line the spec names.
    let vectors: [String]
    let vectorTableName: String

    init(_ spec: DeviceSpec, specFileName: String) {
        header = GeneratedHeader.swiftComment(specFileName: specFileName)
        userHeader = GeneratedHeader.userSwiftComment(specFileName: specFileName)
        namespace = GeneratedNames.namespace(spec.name)
        specName = SwiftLiteral.string(spec.name)
        peripherals = spec.bars.enumerated().map { position, peripheral in
            let address = peripheral.address ?? 0
            return Peripheral(
                docLines: DocComment.lines(peripheral.description, then: ["`\(peripheral.name)` at \(SwiftLiteral.hex(address))."]),
                name: Spelling.member(GeneratedNames.peripheral(peripheral.name)),
                typeName: GeneratedNames.barBlockType(peripheral.name), address: SwiftLiteral.hex(address),
                specName: SwiftLiteral.string(peripheral.name), size: SwiftLiteral.hex(peripheral.size),
                table: RegisterTableText.lines(peripheral.registers), tableProperty: "peripheral\(position)RegisterTable")
        }
        let lines = (spec.microcontroller?.interrupts ?? []).sorted { $0.number < $1.number }
        interrupts = lines.enumerated().map { index, line in
            Line(
                docLines: DocComment.lines(line.description, then: ["`\(line.name)`, interrupt \(line.number)."]),
                name: Spelling.member(GeneratedNames.interruptLine(line.name)), number: line.number,
                specName: SwiftLiteral.string(line.name), separator: index > 0)
        }
        var vectors = Array(repeating: "unnamedInterrupt", count: (lines.last?.number ?? -1) + 1)
        for (line, model) in zip(lines, interrupts) { vectors[line.number] = model.name }
        self.vectors = vectors
        vectorTableName = SwiftName.lowerCamel(spec.name) + "DeviceVectors"
    }
}

extension MicrocontrollerViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "header": header
        case "userHeader": userHeader
        case "namespace": namespace
        case "name": specName
        case "peripherals": peripherals
        case "interrupts": interrupts
        case "hasInterrupts": !interrupts.isEmpty
        case "vectors": vectors.indices.map { VectorEntry(handler: vectors[$0], isLast: $0 == vectors.count - 1) }
        case "vectorTypes": vectors.indices.map { VectorEntry(handler: "", isLast: $0 == vectors.count - 1) }
        case "vectorTableName": vectorTableName
        default: nil
        }
    }
}

/// One entry of the vector table; the last has no trailing comma.
struct VectorEntry: MustacheParent {
    let handler: String
    let isLast: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "handler": handler
        case "comma": isLast ? "" : ","
        default: nil
        }
    }
}

extension MicrocontrollerViewModel.Peripheral: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "typeName": typeName
        case "address": address
        case "specName": specName
        case "size": size
        case "table": table
        case "tableProperty": tableProperty
        default: nil
        }
    }
}

extension MicrocontrollerViewModel.Line: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "number": number
        case "specName": specName
        case "separator": separator
        default: nil
        }
    }
}
