import DriverCodegen
import DriverSpec
import Foundation
import TestSupport
import Testing

/// Spec names become members of generated types that already have members of their own (the
/// runtime's driver, block, value and enumeration API, and an actor's). Those names are
/// reserved: a spec name that would collide gets a `_` suffix. The reserved sets are checked
/// here against the members the built runtime really declares, and a spec named after every
/// one of them must generate code that compiles.
@Suite(.serialized) struct ReservedNamesTests {
    /// Instance members generated names share a scope with, per generated kind of name.
    struct RuntimeMembers {
        let driver: Set<String>
        let block: Set<String>
        let value: Set<String>
        let enumeration: Set<String>
    }

    static let runtime: RuntimeMembers = {
        let core = try! SymbolGraph.members(of: ["RegisterBlock", "RegisterValue", "FieldEnumeration"], in: "RegisterCore")
        let hosted = try! SymbolGraph.members(of: ["PCIDriver", "DescribedRegisterValue", "DescribedFieldEnumeration"], in: "DriverRuntime")
        // A value type adopts the core's protocol, and the hosted one's where the runtime is.
        let runtime = core.merging(hosted, uniquingKeysWith: { $0.union($1) })
        let concurrency = try! SymbolGraph.members(of: ["Actor"], in: "_Concurrency")
        func instance(_ members: Set<SymbolGraph.Member>?) -> Set<String> { Set((members ?? []).filter { !$0.isStatic }.map(\.name)) }
        func statics(_ members: Set<SymbolGraph.Member>?) -> Set<String> { Set((members ?? []).filter(\.isStatic).map(\.name)) }
        return RuntimeMembers(
            // The driver is an actor conforming to PCIDriver: both sets of members are its own.
            driver: instance(runtime["PCIDriver"]).union(instance(concurrency["Actor"])),
            block: instance(runtime["RegisterBlock"]),
            value: instance(runtime["RegisterValue"]).union(instance(runtime["DescribedRegisterValue"])),
            // Enum cases are static: they share a scope with the static members.
            enumeration: statics(runtime["FieldEnumeration"]).union(statics(runtime["DescribedFieldEnumeration"])))
    }()

    @Test func theRuntimeWasRead() {
        #expect(Self.runtime.driver.isSuperset(of: ["queue", "service", "start", "stop", "clock", "sleep", "wait", "unownedExecutor", "assumeIsolated"]))
        #expect(Self.runtime.value.isSuperset(of: ["rawValue", "description"]))
        #expect(Self.runtime.block.contains("bus"))
        #expect(Self.runtime.enumeration.contains("fieldLayout"))
    }

    /// One kind of spec name: the members it shares a scope with, and its reserved set.
    struct Scope: CustomStringConvertible, Sendable {
        let element: String
        let setName: String
        let runtimeMembers: @Sendable () -> Set<String>
        let reserved: Set<String>
        var description: String { element }
    }

    static let scopes: [Scope] = [
        Scope(element: "a BAR", setName: "reservedDriverMembers", runtimeMembers: { runtime.driver }, reserved: GeneratedNames.reservedDriverMembers),
        Scope(element: "a register", setName: "reservedBlockMembers", runtimeMembers: { runtime.block }, reserved: GeneratedNames.reservedBlockMembers),
        Scope(element: "a field", setName: "reservedFieldMembers", runtimeMembers: { runtime.value }, reserved: GeneratedNames.reservedFieldMembers),
        Scope(element: "an enum case", setName: "reservedEnumMembers", runtimeMembers: { runtime.enumeration }, reserved: GeneratedNames.reservedEnumMembers),
    ]

    @Test(arguments: scopes)
    func everyRuntimeMemberIsReserved(_ scope: Scope) {
        let missing = scope.runtimeMembers().subtracting(scope.reserved)
        #expect(missing.isEmpty, "\(scope.element) named \(missing.sorted()) would collide with a member of the runtime; add it to GeneratedNames.\(scope.setName)")
    }

    /// Specs whose BARs, registers, fields and enum cases carry every reserved name (and every
    /// member name the runtime has): they validate, generate, and the code compiles with a
    /// driver file that implements every handler.
    @Test func specsNamedAfterEveryMemberGenerateCodeThatCompiles() throws {
        // Keywords and `_` are HostileNamesTests' business; here, names a spec could well use.
        func usable(_ names: Set<String>) -> [String] { names.filter { $0.first?.isLowercase == true && SwiftName.isIdentifier($0) && $0 != "init" }.sorted() }
        let driverNames = usable(Self.runtime.driver.union(GeneratedNames.reservedDriverMembers))
        let fieldNames = usable(Self.runtime.value.union(GeneratedNames.reservedFieldMembers))
        let caseNames = usable(Self.runtime.enumeration.union(GeneratedNames.reservedEnumMembers))
        let blockNames = usable(Self.runtime.block.union(GeneratedNames.reservedBlockMembers))
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var specPaths: [String] = []
        // Six BARs per device: as many devices as it takes.
        for (number, start) in stride(from: 0, to: driverNames.count, by: 6).enumerated() {
            let bars = Array(driverNames[start..<min(start + 6, driverNames.count)])
            let path = directory.appendingPathComponent("names\(number).yaml").path
            // A register and a BAR of one name would both want its type name.
            let registers = blockNames.filter { !bars.contains($0) }
            try Self.spec(number: number, bars: bars, registers: registers, fields: fieldNames, cases: caseNames)
                .write(toFile: path, atomically: true, encoding: .utf8)
            specPaths.append(path)
        }
        let outcome = GenerationPipeline.render(.init(specPaths: specPaths))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.description))")
        let files = try #require(outcome.files)
        var sources: [URL] = []
        for file in files where file.path.hasSuffix(".swift") {
            let url = directory.appendingPathComponent((file.path as NSString).lastPathComponent)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            sources.append(url)
        }
        let result = try SwiftTypeChecker.typeCheck(files: sources)
        #expect(result.status == 0, "\(result.errors.prefix(4000))")
    }

    /// A device with the given BAR names (one register each, with an interrupt on the first),
    /// and on its first BAR registers named `registers`, one of them holding fields named
    /// `fields` and an enumerated field with cases named `cases`.
    static func spec(number: Int, bars: [String], registers: [String], fields: [String], cases: [String]) -> String {
        var lines = [
            "name: Names\(number)",
            "pci: { vendor: 0x1234, device: 0x\(String(0x0E00 + number, radix: 16)) }",
            "thunderbolt: { tunnel-compatible: true }",
            "driver: { class: Names\(number)Driver, bundle-id: com.example.names\(number) }",
            "interrupts:",
            "  kind: msi",
            "  vectors: 1",
            "  sources:",
            "    - { name: event, vector: 0, status: \(bars[0])Status.flag, acknowledge: \(bars[0])Status.flag }",
            "bars:",
        ]
        for (index, bar) in bars.enumerated() {
            lines += [
                "  - index: \(index)",
                "    name: \(bar)",
                "    type: mem32",
                "    size: 0x1000",
                "    registers:",
                "      - { name: \(bar)Status, offset: 0x0, access: w1c, fields: [{ name: flag, bits: 0 }] }",
            ]
            guard index == 0 else { continue }
            for (offset, register) in registers.enumerated() {
                lines.append("      - { name: \(register), offset: 0x\(String(0x10 + 4 * offset, radix: 16)) }")
            }
            lines += ["      - name: fields", "        offset: 0x800", "        width: 64", "        fields:"]
            for (bit, field) in fields.enumerated() {
                lines.append("          - { name: \(field), bits: \(bit) }")
            }
            lines += [
                "          - name: coded", "            bits: \"63:56\"",
                "            enum: {" + cases.enumerated().map { " \($1): \($0)" }.joined(separator: ",") + " }",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
