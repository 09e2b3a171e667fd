import DriverImport
import DriverSpec
import Foundation
import Testing

/// How CMSIS-SVD constructs become spec constructs, one small device at a time.
@Suite struct SVDMappingTests {
    /// Imports a device with `peripherals`, and loads the spec.
    static func importDevice(_ peripherals: String, options: ImportOptions = ImportOptions(vendorID: 0x1234, deviceID: 0x5678)) -> (result: ImportResult, spec: DeviceSpec?) {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <device schemaVersion="1.3">
              <name>Widget</name>
              <size>32</size>
              <access>read-write</access>
              <resetValue>0</resetValue>
              <resetMask>0xFFFFFFFF</resetMask>
              <peripherals>
            \(peripherals)
              </peripherals>
            </device>
            """
        let result = SpecImporter.importData(Data(text.utf8), file: "widget.svd", format: .svd, options: options)
        return (result, result.text.flatMap { SpecLoader.load(text: $0, file: "widget.yaml").spec })
    }

    static func registers(_ spec: DeviceSpec?) -> [String: RegisterSpec] {
        Dictionary(uniqueKeysWithValues: (spec?.bars.flatMap(\.registers) ?? []).map { ($0.name, $0) })
    }

    static func warnings(_ result: ImportResult) -> [String] {
        result.diagnostics.filter { $0.severity == .warning }.map(\.description)
    }

    @Test func derivedFromResolvesPeripheralsRegistersFieldsAndEnumeratedValues() throws {
        let (result, spec) = Self.importDevice(
            """
            <peripheral>
              <name>TIMER0</name><baseAddress>0x1000</baseAddress>
              <registers>
                <register>
                  <name>MODE</name><addressOffset>0x0</addressOffset><resetValue>0x2</resetValue>
                  <fields>
                    <field><name>SPEED</name><bitRange>[1:0]</bitRange>
                      <enumeratedValues><name>Speeds</name>
                        <enumeratedValue><name>Slow</name><value>0</value></enumeratedValue>
                        <enumeratedValue><name>Fast</name><value>2</value></enumeratedValue>
                      </enumeratedValues>
                    </field>
                    <field derivedFrom="SPEED"><name>BACKUP_SPEED</name><lsb>4</lsb><msb>5</msb></field>
                  </fields>
                </register>
                <register derivedFrom="MODE"><name>MODE2</name><addressOffset>0x4</addressOffset></register>
                <register>
                  <name>PRESCALE</name><addressOffset>0x8</addressOffset>
                  <fields><field><name>DIV</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>
                    <enumeratedValues derivedFrom="TIMER0.MODE.SPEED.Speeds"/></field></fields>
                </register>
              </registers>
            </peripheral>
            <peripheral derivedFrom="TIMER0"><name>TIMER1</name><baseAddress>0x2000</baseAddress></peripheral>
            """)
        #expect(Self.warnings(result).filter { !$0.contains("PCI ids") }.isEmpty, "\(Self.warnings(result))")
        let registers = Self.registers(spec)
        #expect(registers.keys.sorted() == ["TIMER0_MODE", "TIMER0_MODE2", "TIMER0_PRESCALE", "TIMER1_MODE", "TIMER1_MODE2", "TIMER1_PRESCALE"])
        #expect(registers["TIMER1_MODE"]?.offset == 0x1000, "offsets count from the lowest base")
        #expect(registers["TIMER0_MODE2"]?.reset == 0x2 && registers["TIMER0_MODE2"]?.fields.map(\.name) == ["SPEED", "BACKUP_SPEED"])
        #expect(registers["TIMER0_MODE"]?.fields.last?.enumeration.map(\.name) == ["Slow", "Fast"], "a derived field has its base's values")
        #expect(registers["TIMER1_PRESCALE"]?.fields.first?.enumeration.map(\.value) == [0, 2], "derived enumerated values, by dotted path")
    }

    @Test func dimensionsBecomeArraysWhereNumberedAndCopiesWhereNamed() throws {
        let (result, spec) = Self.importDevice(
            """
            <peripheral>
              <name>DMA</name><baseAddress>0x4000</baseAddress>
              <registers>
                <register><dim>4</dim><dimIncrement>8</dimIncrement><name>SRC[%s]</name><addressOffset>0x0</addressOffset></register>
                <register><dim>4</dim><dimIncrement>8</dimIncrement><dimIndex>0-3</dimIndex><name>DST%s</name><addressOffset>0x4</addressOffset></register>
                <register><dim>2</dim><dimIncrement>4</dimIncrement><dimIndex>A,B</dimIndex><name>PORT%s</name><addressOffset>0x40</addressOffset></register>
                <cluster>
                  <dim>3</dim><dimIncrement>0x10</dimIncrement><name>CH[%s]</name><addressOffset>0x100</addressOffset>
                  <register><name>CTRL</name><addressOffset>0x0</addressOffset></register>
                  <register><dim>2</dim><dimIncrement>4</dimIncrement><name>ARG[%s]</name><addressOffset>0x4</addressOffset></register>
                </cluster>
              </registers>
            </peripheral>
            """)
        #expect(result.losses == ImportLosses())
        let registers = Self.registers(spec)
        #expect(registers["SRC"]?.array?.count == 4 && registers["SRC"]?.array?.stride == 8)
        #expect(registers["DST"]?.array?.count == 4 && registers["DST"]?.offset == 4)
        #expect(registers["PORTA"]?.offset == 0x40 && registers["PORTB"]?.offset == 0x44, "named copies are expanded")
        #expect(registers["CH_CTRL"]?.array?.count == 3 && registers["CH_CTRL"]?.array?.stride == 0x10, "a cluster's copies make its registers arrays")
        // A register array inside a cluster array: the register's copies are expanded.
        #expect(registers["CH_ARG0"]?.array?.count == 3 && registers["CH_ARG1"]?.offset == 0x108)
        // One block: no prefix.
        #expect(registers.keys.allSatisfy { !$0.hasPrefix("DMA_") })
    }

    static let accessCases: [(access: String, write: String?, read: String?, kind: AccessKind)] = [
        ("read-write", nil, nil, .rw), ("read-only", nil, nil, .ro), ("write-only", nil, nil, .wo),
        ("read-write", "oneToClear", nil, .w1c), ("read-write", "oneToSet", nil, .w1s), ("read-write", "oneToToggle", nil, .w1t),
        ("read-write", "zeroToClear", nil, .w0c), ("read-write", "zeroToSet", nil, .w0s), ("read-write", "zeroToToggle", nil, .w0t),
        ("read-write", "clear", nil, .wc), ("read-write", "set", nil, .ws), ("read-only", nil, "clear", .rc), ("read-only", nil, "set", .rs),
        ("read-write", "oneToClear", "clear", .rcW1c), ("writeOnce", nil, nil, .w1), ("read-writeOnce", nil, nil, .rw1),
    ]

    @Test(arguments: accessCases.indices)
    func accessModifiedWriteValuesAndReadActionMapToAccessKinds(index: Int) throws {
        let item = Self.accessCases[index]
        let (result, spec) = Self.importDevice(
            """
            <peripheral><name>P</name><baseAddress>0</baseAddress><registers>
              <register><name>R</name><addressOffset>0</addressOffset>
                <fields><field><name>F</name><bitOffset>0</bitOffset><bitWidth>4</bitWidth><access>\(item.access)</access>
                \(item.write.map { "<modifiedWriteValues>\($0)</modifiedWriteValues>" } ?? "")
                \(item.read.map { "<readAction>\($0)</readAction>" } ?? "")</field>
                <field><name>G</name><bitOffset>8</bitOffset><bitWidth>4</bitWidth><access>read-write</access></field></fields>
              </register>
            </registers></peripheral>
            """)
        let register = try #require(Self.registers(spec)["R"], "\(result.diagnostics)")
        #expect(register.fields[0].access == item.kind, "\(item)")
        #expect(Self.warnings(result).filter { !$0.contains("PCI ids") }.isEmpty, "\(Self.warnings(result))")
    }

    @Test func sharedAddressesBecomeAliasesOrPairsAndPartialOverlapsAreExplained() throws {
        let (result, spec) = Self.importDevice(
            """
            <peripheral><name>UART</name><baseAddress>0x0</baseAddress><registers>
              <register><name>CONFIG</name><addressOffset>0x0</addressOffset>
                <fields><field><name>PARITY</name><bitOffset>0</bitOffset><bitWidth>1</bitWidth></field></fields></register>
              <register><name>CONFIG_ALT</name><addressOffset>0x0</addressOffset><alternateRegister>CONFIG</alternateRegister>
                <fields><field><name>BAUD</name><bitOffset>0</bitOffset><bitWidth>8</bitWidth></field></fields></register>
              <register><name>RXD</name><addressOffset>0x8</addressOffset><access>read-only</access></register>
              <register><name>TXD</name><addressOffset>0x8</addressOffset><access>write-only</access></register>
              <register><name>WIDE</name><addressOffset>0x10</addressOffset><size>64</size></register>
              <register><name>NARROW</name><addressOffset>0x14</addressOffset></register>
            </registers></peripheral>
            """)
        let registers = Self.registers(spec)
        #expect(registers["CONFIG_ALT"]?.aliasOf == "CONFIG" && registers["CONFIG_ALT"]?.offset == 0)
        #expect(registers["RXD"]?.aliasOf == nil && registers["TXD"]?.aliasOf == nil && registers["TXD"]?.offset == 8)
        #expect(registers["NARROW"] == nil)
        let warnings = Self.warnings(result)
        #expect(
            warnings.contains {
                $0.hasPrefix("widget.svd:12:")
                    && $0.contains("'CONFIG_ALT' shares its address with 'CONFIG': imported as its alias, which has 'CONFIG''s fields; its own 1 fields are not imported")
            }, "\(warnings)")
        #expect(
            warnings.contains { $0.hasPrefix("widget.svd:17:") && $0.contains("register 'NARROW' (0x14, 32 bits) overlaps 'WIDE' (0x10, 64 bits) in part; not imported") },
            "\(warnings)")
        #expect(result.losses == ImportLosses(registers: 1, fields: 1))
    }

    @Test func enumeratedValuesAreMadeValidAndUniqueAndWhatCannotBeKeptIsExplained() throws {
        let (result, spec) = Self.importDevice(
            """
            <peripheral><name>P</name><baseAddress>0</baseAddress><registers>
              <register><name>R</name><addressOffset>0</addressOffset><fields>
                <field><name>MODE</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>
                  <enumeratedValues><usage>read</usage>
                    <enumeratedValue><name>0</name><value>0</value></enumeratedValue>
                    <enumeratedValue><name>fast</name><value>1</value></enumeratedValue>
                    <enumeratedValue><name>FAST</name><value>2</value></enumeratedValue>
                    <enumeratedValue><name>reserved</name><isDefault>true</isDefault></enumeratedValue>
                    <enumeratedValue><name>big</name><value>7</value></enumeratedValue>
                    <enumeratedValue><name>either</name><value>#1x</value></enumeratedValue>
                  </enumeratedValues>
                  <enumeratedValues><usage>write</usage>
                    <enumeratedValue><name>Clear</name><value>1</value></enumeratedValue>
                    <enumeratedValue><name>Hold</name><value>3</value></enumeratedValue>
                  </enumeratedValues>
                </field>
              </fields></register>
            </registers></peripheral>
            """)
        let field = try #require(Self.registers(spec)["R"]?.fields.first, "\(result.diagnostics)")
        #expect(field.enumeration.map(\.name) == ["0", "fast", "FAST_2", "Hold"], "a name Swift cannot tell apart gets a suffix; 0 becomes _0 in Swift")
        #expect(field.enumeration.map(\.value) == [0, 1, 2, 3])
        #expect(result.losses == ImportLosses(enumValues: 4))
        let warnings = Self.warnings(result)
        #expect(warnings.contains { $0.contains("value 'reserved' (isDefault) of field 'MODE' in 'R' not imported: a default case covers every other value") })
        #expect(warnings.contains { $0.contains("value 'big' (7) of field 'MODE' in 'R' not imported: it does not fit in 2 bits") })
        #expect(warnings.contains { $0.contains("value 'either' (#1x) of field 'MODE' in 'R' not imported: it is not a number (don't-care bits?)") })
        #expect(warnings.contains { $0.contains("field 'MODE' of 'R': 1 value of its write set not imported, named for reads already: Clear (1, read as fast)") })
    }

    @Test func sizesResetsAndBARsComeFromTheSourceAndTheOptions() throws {
        let (result, spec) = Self.importDevice(
            """
            <peripheral><name>A</name><baseAddress>0x40000000</baseAddress><size>16</size><resetValue>0xABCD</resetValue><registers>
              <register><name>HALF</name><addressOffset>0x2</addressOffset></register>
              <register><name>ODD</name><addressOffset>0x4</addressOffset><size>24</size></register>
              <register><name>MASKED</name><addressOffset>0x8</addressOffset><size>32</size><resetValue>0xFFFF1234</resetValue><resetMask>0x0000FFFF</resetMask></register>
            </registers></peripheral>
            <peripheral><name>B</name><baseAddress>0x50000000</baseAddress><registers>
              <register><name>STATUS</name><addressOffset>0x10</addressOffset></register>
            </registers></peripheral>
            """, options: ImportOptions(vendorID: 0x1234, deviceID: 0x5678, bundleID: "org.example.widget", barAssignments: ["B": 2]))
        let imported = try #require(spec, "\(result.diagnostics)")
        #expect(imported.driver.bundleIdentifier == "org.example.widget")
        #expect(imported.bars.map(\.index) == [0, 2])
        #expect(imported.bars[1].registers.first?.offset == 0x10, "each BAR counts from its lowest block base")
        #expect(imported.bars[0].size == 16)
        let registers = Self.registers(imported)
        #expect(registers["A_HALF"]?.width == 16 && registers["A_HALF"]?.reset == 0xABCD)
        #expect(registers["A_MASKED"]?.reset == 0x1234)
        #expect(registers["A_ODD"] == nil)
        #expect(Self.warnings(result).contains { $0.hasPrefix("widget.svd:11:") && $0.contains("register 'ODD' is 24 bits wide; registers are 8, 16, 32 or 64; not imported") })
        #expect(result.losses == ImportLosses(registers: 1))
        #expect(!Self.warnings(result).contains { $0.contains("PCI ids") })
    }
}
