import DriverDiff
import DriverSpec
import Foundation
import TestSupport
import Testing

/// `SpecDiff` over a matrix of changes to the bundled specs: each change must give exactly the
/// expected findings, with their rule ids and levels.
@Suite struct DiffTests {
    struct Change: Sendable, CustomStringConvertible {
        let name: String
        let spec: String
        let edits: [(String, String)]
        let expected: [(DiffRule, DiffLevel)]
        var description: String { name }
    }

    static let changes: [Change] = [
        Change(
            name: "peripheral moved", spec: "nrf51.yaml", edits: [("base: 0x40008000", "base: 0x40009000")],
            expected: [(.peripheralMoved, .breaking)]),
        Change(
            name: "interrupt line renumbered", spec: "nrf51.yaml", edits: [("{ name: \"TIMER0\", number: 8 }", "{ name: \"TIMER0\", number: 9 }")],
            expected: [(.interruptLineRenumbered, .breaking)]),
        Change(
            name: "interrupt line removed", spec: "nrf51.yaml", edits: [("    - { name: \"UART0\", number: 2 }\n", "")],
            expected: [(.interruptLineRemoved, .breaking)]),
        Change(
            name: "interrupt line added", spec: "nrf51.yaml",
            edits: [("    - { name: \"TIMER0\", number: 8 }\n", "    - { name: \"TIMER0\", number: 8 }\n    - { name: \"TIMER1\", number: 9 }\n")],
            expected: [(.interruptLineAdded, .info)]),
        Change(
            name: "register moved", spec: "edu.yaml", edits: [("offset: 0x20", "offset: 0x28")],
            expected: [(.registerMoved, .breaking)]),
        Change(
            name: "register renamed in place", spec: "edu.yaml", edits: [("name: liveness", "name: alive")],
            expected: [(.registerRenamed, .breaking)]),
        Change(
            name: "register removed", spec: "boltstore.yaml",
            edits: [("      - name: adminQueueSize\n        offset: 0x048\n        fields:\n          - { name: entries, bits: \"15:0\", reset: 0 }\n", "")],
            expected: [(.registerRemoved, .breaking)]),
        Change(
            name: "register added", spec: "edu.yaml",
            edits: [("      - name: status\n", "      - name: scratch\n        offset: 0x0C\n      - name: status\n")],
            expected: [(.registerAdded, .info)]),
        Change(
            name: "register width changed", spec: "edu.yaml",
            edits: [("      - name: dmaCount\n        offset: 0x90\n        width: 64\n        access-widths: [32, 64]\n", "      - name: dmaCount\n        offset: 0x90\n")],
            expected: [(.registerWidthChanged, .breaking), (.accessWidthsNarrowed, .breaking)]),
        Change(
            name: "register access narrowed", spec: "edu.yaml",
            edits: [("        offset: 0x04\n", "        offset: 0x04\n        access: ro\n")],
            expected: [(.registerAccessNarrowed, .breaking)]),
        Change(
            name: "register access widened", spec: "ivshmem.yaml",
            edits: [("        offset: 0x08\n        access: ro\n", "        offset: 0x08\n")],
            expected: [(.registerAccessWidened, .warning)]),
        Change(
            name: "register reset changed", spec: "edu.yaml",
            edits: [("        offset: 0x08\n", "        offset: 0x08\n        reset: 5\n")],
            expected: [(.registerResetChanged, .breaking)]),
        Change(
            name: "field reset changed", spec: "edu.yaml", edits: [("reset: 0x010000ed", "reset: 0x020000ed")],
            expected: [(.fieldResetChanged, .breaking)]),
        Change(
            name: "field bits changed", spec: "edu.yaml", edits: [("bits: 7\n", "bits: 6\n")],
            expected: [(.fieldBitsChanged, .breaking)]),
        Change(
            name: "field renamed in place", spec: "edu.yaml", edits: [("{ name: magic, bits: \"7:0\"", "{ name: signature, bits: \"7:0\"")],
            expected: [(.fieldRenamed, .breaking)]),
        Change(
            name: "field removed", spec: "edu.yaml", edits: [("          - { name: minor, bits: \"23:16\" }\n", "")],
            expected: [(.fieldRemoved, .breaking)]),
        Change(
            name: "field added", spec: "edu.yaml",
            edits: [
                (
                    "            description: Raise interrupt 0x1 when the factorial is done.\n",
                    "            description: Raise interrupt 0x1 when the factorial is done.\n          - { name: spare, bits: 9 }\n"
                )
            ],
            expected: [(.fieldAdded, .info)]),
        Change(
            name: "field access narrowed", spec: "boltstore.yaml", edits: [("{ name: enable, bits: 0, description:", "{ name: enable, bits: 0, access: ro, description:")],
            expected: [(.fieldAccessNarrowed, .breaking)]),
        Change(
            name: "field access widened", spec: "edu.yaml", edits: [("            bits: 0\n            access: ro\n", "            bits: 0\n")],
            expected: [(.fieldAccessWidened, .warning)]),
        Change(
            name: "field access semantics changed", spec: "boltstore.yaml", edits: [("bits: 1, access: w1s", "bits: 1, access: w1c")],
            expected: [(.fieldAccessSemanticsChanged, .breaking)]),
        Change(
            name: "enum value removed", spec: "boltstore.yaml", edits: [("{ active: 0, idle: 1, standby: 2, off: 3 }", "{ active: 0, idle: 1, standby: 2 }")],
            expected: [(.enumValueRemoved, .breaking)]),
        Change(
            name: "enum value added", spec: "boltstore.yaml",
            edits: [
                (
                    "              - { name: urgentFirst, value: 2, description: Urgent queue always served first. }\n",
                    "              - { name: urgentFirst, value: 2, description: Urgent queue always served first. }\n              - { name: strict, value: 3 }\n"
                )
            ],
            expected: [(.enumValueAdded, .warning)]),
        Change(
            name: "enum value renamed", spec: "boltstore.yaml", edits: [("{ active: 0, idle: 1,", "{ active: 0, light: 1,")],
            expected: [(.enumValueRenamed, .breaking)]),
        Change(
            name: "enum value changed", spec: "boltstore.yaml", edits: [("internal: 0xFF", "internal: 0xFE")],
            expected: [(.enumValueChanged, .breaking)]),
        Change(
            name: "field became an enum", spec: "boltstore.yaml",
            edits: [
                (
                    "          - { name: entries, bits: \"15:0\" }\n          - { name: priority",
                    "          - { name: entries, bits: \"15:0\", enum: { empty: 0 } }\n          - { name: priority"
                )
            ],
            expected: [(.fieldBecameEnum, .breaking)]),
        Change(
            name: "vendor changed", spec: "edu.yaml", edits: [("vendor: 0x1234", "vendor: 0x1235")],
            expected: [(.pciVendorChanged, .breaking)]),
        Change(
            name: "device id removed", spec: "boltstore.yaml", edits: [("devices: [0x5100, 0x5101]", "devices: [0x5100]")],
            expected: [(.pciDeviceIDRemoved, .breaking)]),
        Change(
            name: "device id added", spec: "edu.yaml", edits: [("device: 0x11e8", "devices: [0x11e8, 0x11e9]")],
            expected: [(.pciDeviceIDAdded, .info)]),
        Change(
            name: "subsystem changed", spec: "boltstore.yaml", edits: [("subsystem: 0x0001", "subsystem: 0x0002")],
            expected: [(.pciSubsystemChanged, .breaking)]),
        Change(
            name: "Thunderbolt tunnel flag dropped", spec: "edu.yaml", edits: [("tunnel-compatible: true", "tunnel-compatible: false")],
            expected: [(.tunnelCompatibilityDropped, .breaking)]),
        Change(
            name: "pause compatibility dropped", spec: "boltstore.yaml", edits: [("pause-compatible: true", "pause-compatible: false")],
            expected: [(.pauseCompatibilityDropped, .breaking)]),
        Change(
            name: "pause compatibility added", spec: "edu.yaml", edits: [("pause-compatible: false", "pause-compatible: true")],
            expected: [(.pauseCompatibilityAdded, .info)]),
        Change(
            name: "storage flag changed", spec: "boltstore.yaml", edits: [("storage: true ", "storage: false ")],
            expected: [(.storageChanged, .breaking)]),
        Change(
            name: "bundle id changed", spec: "edu.yaml", edits: [("bundle-id: com.example.driver.Edu", "bundle-id: com.example.driver.Edu2")],
            expected: [(.bundleIDChanged, .breaking)]),
        Change(
            name: "driver class renamed", spec: "edu.yaml", edits: [("class: EduDriver", "class: QEMUEduDriver")],
            expected: [(.driverClassRenamed, .breaking)]),
        Change(
            name: "probe score changed", spec: "boltstore.yaml", edits: [("probe-score: 5000", "probe-score: 6000")],
            expected: [(.probeScoreChanged, .warning)]),
        Change(
            name: "device renamed", spec: "edu.yaml", edits: [("name: Edu\n", "name: QemuEdu\n")],
            expected: [(.deviceRenamed, .breaking)]),
        Change(
            name: "BAR renamed", spec: "ivshmem.yaml", edits: [("name: sharedMemory", "name: memory")],
            expected: [(.barRenamed, .breaking)]),
        Change(
            name: "BAR resized", spec: "ivshmem.yaml", edits: [("size: 0x40_0000", "size: 0x80_0000")],
            expected: [(.barResized, .warning)]),
        Change(
            name: "BAR type changed", spec: "ivshmem.yaml", edits: [("    type: mem64\n    prefetchable: true\n", "    type: mem64\n")],
            expected: [(.barTypeChanged, .warning)]),
        Change(
            name: "write effect changed", spec: "edu.yaml", edits: [("effect: { clears: interruptStatus }", "effect: { sets: interruptStatus }")],
            expected: [(.registerEffectChanged, .breaking)]),
        Change(
            name: "register array grown", spec: "boltstore.yaml",
            edits: [("        width: 64\n        count: 4\n", "        width: 64\n        count: 8\n")],
            expected: [(.registerArrayGrown, .info)]),
        Change(
            name: "register array stride changed", spec: "boltstore.yaml",
            edits: [
                (
                    "        offset: 0x1000\n        access: wo\n        count: 4\n        stride: 8\n",
                    "        offset: 0x1000\n        access: wo\n        count: 4\n        stride: 16\n"
                )
            ],
            expected: [(.registerArrayChanged, .breaking)]),
        Change(
            name: "access widths narrowed", spec: "edu.yaml",
            edits: [
                (
                    "      - name: dmaSource\n        offset: 0x80\n        width: 64\n        access-widths: [32, 64]\n",
                    "      - name: dmaSource\n        offset: 0x80\n        width: 64\n"
                )
            ],
            expected: [(.accessWidthsNarrowed, .breaking)]),
        Change(
            name: "config register moved", spec: "boltstore.yaml", edits: [("offset: 0x60", "offset: 0x64")],
            expected: [(.registerMoved, .breaking)]),
        Change(
            name: "interrupt source renamed", spec: "edu.yaml", edits: [("    - name: factorial\n      vector: 0", "    - name: fact\n      vector: 0")],
            expected: [(.interruptSourceRenamed, .breaking)]),
        Change(
            name: "interrupt source removed", spec: "boltstore.yaml",
            edits: [
                (
                    "    - name: error\n      vector: 3\n      description: A fatal or recoverable error was logged in errorLog.\n      status: interruptStatus.error\n      acknowledge: interruptStatus.error\n      mask: interruptMaskSet.error\n",
                    ""
                )
            ],
            expected: [(.interruptSourceRemoved, .breaking)]),
        Change(
            name: "interrupt vectors reduced", spec: "boltstore.yaml",
            edits: [("  vectors: 4\n", "  vectors: 3\n"), ("      vector: 3\n", "      vector: 2\n")],
            expected: [(.interruptVectorsReduced, .breaking), (.interruptSourceVectorChanged, .breaking)]),
        Change(
            name: "MSI-X table moved", spec: "boltstore.yaml", edits: [("table: { bar: 0, offset: 0x3000 }", "table: { bar: 0, offset: 0x3400 }")],
            expected: [(.msixStructureMoved, .warning)]),
        Change(
            name: "access order changed", spec: "boltstore.yaml", edits: [("access-order: high-first", "access-order: low-first")],
            expected: [(.accessOrderChanged, .warning)]),
        Change(
            name: "register split into parts", spec: "boltstore.yaml",
            edits: [
                (
                    "      - name: adminQueueBase\n        offset: 0x040\n        width: 64\n        access-widths: [32, 64]\n",
                    "      - name: adminQueueBase\n        offset: 0x040\n        width: 64\n        access-widths: [32]\n"
                )
            ],
            expected: [(.accessWidthsNarrowed, .breaking)]),
        Change(
            name: "alias retargeted to another action", spec: "boltstore.yaml",
            edits: [("        alias-of: interruptMask\n        access: w1c\n", "        alias-of: interruptMask\n        access: w1t\n")],
            expected: [(.registerAliasChanged, .breaking)]),
        Change(
            name: "alias made readable", spec: "e1000e.yaml",
            edits: [("        alias-of: interruptMaskSet\n        access: w1c\n        write-only: true\n", "        alias-of: interruptMaskSet\n        access: w1c\n")],
            expected: [(.registerAliasChanged, .breaking), (.registerAccessWidened, .warning)]),
        Change(
            name: "flag added", spec: "boltstore.yaml",
            edits: [("              - { name: trim, bit: 1 }\n", "              - { name: trim, bit: 1 }\n              - { name: compression, bit: 2 }\n")],
            expected: [(.flagAdded, .info)]),
        Change(
            name: "flag renamed", spec: "boltstore.yaml", edits: [("flags: { encryption: 0, trim: 1 }", "flags: { encryption: 0, discard: 1 }")],
            expected: [(.flagRenamed, .breaking)]),
        Change(
            name: "flag moved and one added", spec: "boltstore.yaml",
            edits: [("              - { name: trim, bit: 1 }\n", "              - { name: trim, bit: 2 }\n              - { name: compression, bit: 1 }\n")],
            expected: [(.flagMoved, .breaking), (.flagAdded, .info)]),
        Change(
            name: "field became flags", spec: "e1000e.yaml",
            edits: [
                (
                    "          - { name: autoSpeedDetected, bits: \"9:8\", access: ro } # E1000_STATUS_ASDV",
                    "          - { name: autoSpeedDetected, bits: \"9:8\", access: ro, flags: { low: 0, high: 1 } } # E1000_STATUS_ASDV"
                )
            ],
            expected: [(.fieldBecameFlags, .breaking)]),
        Change(
            name: "source mask moved to another bit", spec: "boltstore.yaml",
            edits: [("      mask: interruptMaskSet.error\n", "      mask: interruptMaskSet.mediaChange\n")],
            expected: [(.interruptSourceRegistersChanged, .breaking)]),
        Change(
            name: "description changed", spec: "edu.yaml", edits: [("description: QEMU educational PCI device (hw/misc/edu.c)", "description: QEMU's edu device")],
            expected: [(.descriptionChanged, .info)]),
        // DMA structures and rings
        Change(
            name: "structure field moved", spec: "nvme.yaml", edits: [("offset: 3\n        bits: \"1:0\"", "offset: 3\n        bits: \"3:2\"")],
            expected: [(.structureFieldMoved, .breaking)]),
        Change(
            name: "structure field resized", spec: "nvme.yaml",
            edits: [("{ name: maximumOutstandingCommands, offset: 514, width: 16 }", "{ name: maximumOutstandingCommands, offset: 514, width: 8 }")],
            expected: [(.structureFieldResized, .breaking)]),
        Change(
            name: "structure field removed", spec: "nvme.yaml", edits: [("      - { name: commandRetryDelay, dword: 3, bits: \"29:28\" }\n", "")],
            expected: [(.structureFieldRemoved, .breaking)]),
        Change(
            name: "structure field added", spec: "nvme.yaml",
            edits: [
                (
                    "        enum: { best: 0, better: 1, good: 2, degraded: 3 }\n",
                    "        enum: { best: 0, better: 1, good: 2, degraded: 3 }\n      - { name: spare, offset: 3, bits: \"7:2\" }\n"
                )
            ],
            expected: [(.structureFieldAdded, .info)]),
        Change(
            name: "structure field renamed in place", spec: "nvme.yaml", edits: [("{ name: more, dword: 3, bits: 30 }", "{ name: moreInformation, dword: 3, bits: 30 }")],
            expected: [(.structureFieldRenamed, .breaking)]),
        Change(
            name: "structure field kind changed", spec: "nvme.yaml",
            edits: [("{ name: subsystemQualifiedName, offset: 768, string: 256, padding: nul }", "{ name: subsystemQualifiedName, offset: 768, bytes: 256 }")],
            expected: [(.structureFieldTypeChanged, .breaking)]),
        Change(
            name: "structure resized, and the rings of it", spec: "nvme.yaml",
            edits: [("  - name: completionEntry\n    size: 16\n", "  - name: completionEntry\n    size: 32\n")],
            expected: [(.structureResized, .breaking), (.ringEntryResized, .breaking), (.ringEntryResized, .breaking)]),
        Change(
            name: "structure byte order changed", spec: "nvme.yaml",
            edits: [("  - name: completionEntry\n    size: 16\n", "  - name: completionEntry\n    size: 16\n    byte-order: big\n")],
            expected: [(.structureByteOrderChanged, .breaking)]),
        Change(
            name: "structure enum value removed", spec: "nvme.yaml", edits: [(", path: 3, vendorSpecific: 7 }", ", path: 3 }")],
            expected: [(.enumValueRemoved, .breaking)]),
        Change(
            name: "structure renamed", spec: "nvme.yaml",
            edits: [("  - name: lbaFormat\n", "  - name: logicalBlockFormat\n"), ("structure: lbaFormat,", "structure: logicalBlockFormat,")],
            expected: [(.structureRenamed, .breaking), (.structureFieldTypeChanged, .breaking)]),
        Change(
            name: "structure added", spec: "nvme.yaml",
            edits: [("\nrings:\n", "\n  - name: scratch\n    size: 8\n    fields:\n      - { name: value, offset: 0, width: 64 }\nrings:\n")],
            expected: [(.structureAdded, .info)]),
        Change(
            name: "structure view removed", spec: "nvme.yaml",
            edits: [
                (
                    "      - name: deleteQueue\n        description: Delete I/O Submission or Completion Queue (CDW10).\n        fields:\n          - { name: queueID, dword: 10, bits: \"15:0\" }\n",
                    ""
                )
            ],
            expected: [(.structureViewRemoved, .breaking)]),
        Change(
            name: "ring entry count narrowed", spec: "e1000e.yaml", edits: [("max: 65528, multiple-of: 8", "max: 4096, multiple-of: 8")],
            expected: [(.ringEntryCountNarrowed, .breaking)]),
        Change(
            name: "ring entry count widened", spec: "e1000e.yaml", edits: [("{ min: 8, max: 65528, multiple-of: 8 }", "{ min: 8, max: 65528, multiple-of: 4 }")],
            expected: [(.ringEntryCountWidened, .info)]),
        Change(
            name: "ring device index dropped", spec: "e1000e.yaml", edits: [("    device-index: transmitDescriptorHead\n", "")],
            expected: [(.ringRegistersChanged, .breaking)]),
        Change(
            name: "ring readiness changed", spec: "e1000e.yaml",
            edits: [("ready: { done: writeBack.descriptorDone }", "ready: { done: writeBack.excessCollisions }")],
            expected: [(.ringReadinessChanged, .breaking)]),
        Change(
            name: "ring renamed in place", spec: "e1000e.yaml", edits: [("  - name: transmitQueue0\n    entry:", "  - name: transmitQueue\n    entry:")],
            expected: [(.ringRenamed, .breaking)]),
        Change(
            name: "ring added", spec: "e1000e.yaml",
            edits: [
                (
                    "    description: Transmit queue 0 (TDBAL/TDBAH, TDLEN, TDH, TDT).\n",
                    "    description: Transmit queue 0 (TDBAL/TDBAH, TDLEN, TDH, TDT).\n  - { name: spareQueue, entry: transmitDescriptor, role: producer, doorbell: transmitDescriptorTail }\n"
                )
            ],
            expected: [(.ringAdded, .info)]),
    ]

    /// The bundled spec with `edits` applied; each must match exactly once.
    static func edited(_ change: Change) throws -> String {
        var text = try String(contentsOf: Repository.specs.appendingPathComponent(change.spec), encoding: .utf8)
        for (old, new) in change.edits {
            let occurrences = text.components(separatedBy: old).count - 1
            #expect(occurrences == 1, "'\(old)' occurs \(occurrences) times in \(change.spec)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    @Test func theMatrixCoversEnoughChangeKinds() {
        #expect(Self.changes.count >= 25)
        #expect(Set(Self.changes.flatMap { $0.expected.map(\.0) }).count >= 25)
    }

    /// A microcontroller's peripherals are matched by name: listing them in another order
    /// changes nothing, though each one's place (its "BAR index") does.
    @Test func reorderedPeripheralsAreNoChange() throws {
        let text = try String(contentsOf: Repository.specs.appendingPathComponent("nrf51.yaml"), encoding: .utf8)
        let start = try #require(text.range(of: "peripherals:\n"))
        let sections = text[start.upperBound...].components(separatedBy: "\n  - name: ").filter { !$0.isEmpty }
        #expect(sections.count == 3)
        let reordered =
            String(text[..<start.upperBound])
            + sections.reversed().map { section in
                (section.hasPrefix("  - name: ") ? section : "  - name: " + section).trimmingCharacters(in: .newlines)
            }.joined(separator: "\n") + "\n"
        let old = try #require(SpecLoader.load(path: Repository.spec("nrf51.yaml").path).spec)
        let new = try #require(SpecLoader.load(text: reordered, file: "new/nrf51.yaml").spec)
        #expect(old.bars.map(\.name) == new.bars.map(\.name).reversed())
        #expect(SpecDiff.compare(old, new).isEmpty)
    }

    @Test(arguments: changes)
    func eachChangeGivesExactlyItsFindings(_ change: Change) throws {
        let old = try #require(SpecLoader.load(path: Repository.spec(change.spec).path).spec)
        let result = SpecLoader.load(text: try Self.edited(change), file: "new/\(change.spec)")
        let new = try #require(result.spec, "the edited spec must stay valid: \(result.diagnostics)")
        let findings = SpecDiff.compare(old, new)
        #expect(findings.map(\.rule.rawValue).sorted() == change.expected.map(\.0.rawValue).sorted(), "\(findings)")
        for (rule, level) in change.expected {
            #expect(rule.level == level, "\(rule) is \(rule.level)")
        }
        for finding in findings {
            #expect(finding.newLocation?.file == "new/\(change.spec)" || finding.oldLocation != nil)
        }
    }

    @Test func aSpecComparedWithItselfReformattedAndReorderedHasNoFindings() throws {
        for file in ["edu.yaml", "ivshmem.yaml", "boltstore.yaml"] {
            // Re-dump through PyYAML: keys sorted, lists reversed, numbers in decimal, flow style.
            // (BaseLoader keeps every scalar a string, so YAML 1.1 words like `off` stay names.)
            let script = """
                import re, sys, yaml
                def scalar(text):
                    if text in ("true", "false"): return text == "true"
                    if re.fullmatch(r"0[xX][0-9a-fA-F_]+|[0-9][0-9_]*", text): return int(text.replace("_", ""), 0)
                    return text
                def shuffle(node):
                    if isinstance(node, dict): return {k: shuffle(node[k]) for k in sorted(node, reverse=True)}
                    if isinstance(node, list): return [shuffle(x) for x in reversed(node)]
                    return scalar(node)
                tree = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)
                print(yaml.safe_dump(shuffle(tree), default_flow_style=True, width=60))
                """
            let dumped = try Shell.run("python3", ["-c", script, Repository.spec(file).path])
            #expect(dumped.status == 0, "\(dumped.errors)")
            let original = try #require(SpecLoader.load(path: Repository.spec(file).path).spec)
            let result = SpecLoader.load(text: dumped.output, file: "reformatted.yaml")
            let reformatted = try #require(result.spec, "\(result.diagnostics)")
            #expect(SpecDiff.compare(original, reformatted).isEmpty, "\(SpecDiff.compare(original, reformatted))")
            #expect(dumped.output != (try String(contentsOfFile: Repository.spec(file).path, encoding: .utf8)))
        }
    }

    @Test func reportsRenderInEveryFormat() throws {
        let change = Self.changes.first { $0.name == "register moved" }!
        let old = try #require(SpecLoader.load(path: Repository.spec("edu.yaml").path).spec)
        let new = try #require(SpecLoader.load(text: try Self.edited(change), file: "new.yaml").spec)
        let report = DiffReport(findings: SpecDiff.compare(old, new) + [SpecDiff.added(new)])
        #expect(
            try report.render(.text) == """
                new.yaml:60:17: breaking: register 'status' moved from 0x20 to 0x28 [register-moved]
                new.yaml:5:1: info: device 'Edu' was added [device-added]
                1 breaking, 0 warnings, 1 info

                """)
        #expect(try report.render(.github).hasPrefix("::error file=new.yaml,line=60,col=17,title=register-moved (breaking)::register 'status' moved from 0x20 to 0x28\n"))
        #expect(try report.render(.markdown).contains("| 🔴 breaking | `register-moved` | register 'status' moved from 0x20 to 0x28 | `new.yaml:60` |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try report.render(.json).utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        #expect((json["summary"] as? [String: Int]) == ["breaking": 1, "warning": 0, "info": 1])
        let first = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(first["rule"] as? String == "register-moved" && first["level"] as? String == "breaking")
        #expect(first["old"] as? String == "0x20" && first["new"] as? String == "0x28")
        #expect((first["newLocation"] as? [String: Any])?["line"] as? Int == 60)
        #expect((first["oldLocation"] as? [String: Any])?["file"] as? String == Repository.spec("edu.yaml").path)
        #expect(try DiffReport(findings: []).render(.text) == "no changes\n")
    }
}

/// The diff documentation and JSON schema describe every rule the code reports.
@Suite struct DiffDocumentationTests {
    @Test func everyRuleIsDocumentedWithItsLevel() throws {
        let doc = try String(contentsOf: Repository.root.appendingPathComponent("docs/diff.md"), encoding: .utf8)
        for rule in DiffRule.allCases {
            #expect(doc.contains("| `\(rule.rawValue)` | \(rule.level.rawValue) |"), "docs/diff.md lacks \(rule.rawValue) as \(rule.level)")
        }
    }

    /// SARIF 2.1.0's required shape for what the report emits, written from the OASIS standard
    /// (sections 3.13 sarifLog, 3.14 run, 3.18 toolComponent, 3.27 result, 3.28 location,
    /// 3.30 region, 3.49 reportingDescriptor): the official schema file is not part of this
    /// repository, so this is a subset of it, not the whole. The test also parses the output
    /// with sarif-pydantic (PyPI), whose models implement the whole 2.1.0 object model.
    static let sarifSubsetSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["version", "runs"],
          "properties": {
            "$schema": { "type": "string", "format": "uri" },
            "version": { "const": "2.1.0" },
            "runs": { "type": "array", "minItems": 1, "items": {
              "type": "object", "required": ["tool"],
              "properties": {
                "tool": { "type": "object", "required": ["driver"], "properties": {
                  "driver": { "type": "object", "required": ["name"], "properties": {
                    "name": { "type": "string", "minLength": 1 },
                    "rules": { "type": "array", "items": { "type": "object", "required": ["id"], "properties": {
                      "id": { "type": "string" },
                      "defaultConfiguration": { "type": "object", "properties": {
                        "level": { "enum": ["none", "note", "warning", "error"] } } } } } } } } } },
                "results": { "type": "array", "items": {
                  "type": "object", "required": ["message"],
                  "properties": {
                    "ruleId": { "type": "string" },
                    "ruleIndex": { "type": "integer", "minimum": -1 },
                    "level": { "enum": ["none", "note", "warning", "error"] },
                    "message": { "type": "object", "anyOf": [{ "required": ["text"] }, { "required": ["id"] }],
                                 "properties": { "text": { "type": "string" } } },
                    "locations": { "type": "array", "items": { "type": "object", "properties": {
                      "physicalLocation": { "type": "object", "anyOf": [{ "required": ["artifactLocation"] }, { "required": ["address"] }],
                        "properties": {
                          "artifactLocation": { "type": "object", "properties": { "uri": { "type": "string", "format": "uri-reference" } } },
                          "region": { "type": "object", "properties": {
                            "startLine": { "type": "integer", "minimum": 1 },
                            "startColumn": { "type": "integer", "minimum": 1 } } } } } } } },
                    "properties": { "type": "object" } } } } } } }
          }
        }
        """#

    @Test func sarifOutputHasTheShapeSARIF210Requires() throws {
        let changes = DiffTests.changes.filter { ["register moved", "interrupt vectors reduced", "interrupt line removed"].contains($0.name) }
        var findings: [DiffFinding] = []
        for change in changes {
            let old = try #require(SpecLoader.load(path: Repository.spec(change.spec).path).spec)
            let new = try #require(SpecLoader.load(text: try DiffTests.edited(change), file: "new dir/\(change.spec)").spec)
            findings += SpecDiff.compare(old, new)
        }
        let report = DiffReport(findings: findings)
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report.sarif")
        let schema = directory.appendingPathComponent("sarif-subset.schema.json")
        try report.render(.sarif).write(to: output, atomically: true, encoding: .utf8)
        try Self.sarifSubsetSchema.write(to: schema, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            log = json.load(open(sys.argv[2]))
            jsonschema.validate(log, schema, cls=jsonschema.Draft202012Validator, format_checker=jsonschema.FormatChecker())
            run = log["runs"][0]
            rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
            for result in run["results"]:
                assert rules[result["ruleIndex"]] == result["ruleId"], result
            # And through an independent implementation of SARIF 2.1.0's object model.
            from sarif_pydantic import Sarif
            parsed = Sarif.model_validate(log)
            assert parsed.version == "2.1.0" and len(parsed.runs[0].results) == len(run["results"])
            print(len(run["results"]), ",".join(sorted(set(r["level"] for r in run["results"]))),
                  " ".join(l["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for l in r["locations"]))
            """
        let result = try Shell.run("python3", ["-c", script, schema.path, output.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("\(findings.count) error"))
        #expect(result.output.contains(" new%20dir/"), "a relative file is a percent-encoded URI reference: \(result.output)")
        #expect(result.output.contains(" file:///"), "an absolute one a file URI: \(result.output)")
    }

    @Test func jsonOutputConformsToTheDocumentedSchema() throws {
        let change = DiffTests.changes.first { $0.name == "interrupt vectors reduced" }!
        let old = try #require(SpecLoader.load(path: Repository.spec(change.spec).path).spec)
        let new = try #require(SpecLoader.load(text: try DiffTests.edited(change), file: "new.yaml").spec)
        let report = DiffReport(findings: SpecDiff.compare(old, new) + [SpecDiff.added(new), SpecDiff.removed(old)])
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report.json")
        try report.render(.json).write(to: output, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)
            rules = set(schema["properties"]["findings"]["items"]["properties"]["rule"]["enum"])
            print(len(rules))
            """
        let result = try Shell.run("python3", ["-c", script, Repository.root.appendingPathComponent("docs/diff-report.schema.json").path, output.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(DiffRule.allCases.count)")
    }
}
