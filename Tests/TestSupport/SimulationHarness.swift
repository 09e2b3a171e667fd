import Foundation

/// Checks generated drivers as users run them: their plists parse, and a program built from
/// the generated Swift reads every register of a simulated device and attaches the driver.
public enum SimulationHarness {
    /// Writes generated files (paths relative to an output folder) to a scratch folder, checks
    /// their property lists, builds the Swift ones with `source` and a `main` that makes
    /// `checks` (`check(...)` calls, awaited) and runs `statements`, and runs it. Nil, or what
    /// went wrong.
    public static func buildAndCheck(
        _ files: [(path: String, contents: String)], checks: [String], statements: [String] = []
    ) throws -> String? {
        let directory = try Repository.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [URL] = []
        var plists: [String] = []
        for file in files {
            let url = directory.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            if file.path.hasSuffix(".swift") { sources.append(url) } else { plists.append(url.path) }
        }
        if let failure = try checkPlists(plists) { return failure }
        let main = directory.appendingPathComponent("main.swift")
        try
            (source + """

                @main struct Run {
                    static func main() async {
                        \((checks.map { "await " + $0 } + statements).joined(separator: "\n        "))
                        print("checked \\(checked) registers in \(checks.count) devices")
                        if !failures.isEmpty {
                            print(failures.prefix(20).joined(separator: "\\n"))
                            exit(1)
                        }
                    }
                }
                """).write(to: main, atomically: true, encoding: .utf8)
        let run = try SwiftBuilder.buildAndRun(sources + [main], linking: ["DriverSimulator"])
        guard run.status == 0, run.output.hasPrefix("checked ") else { return "\(run.output)\(run.errors.prefix(3000))" }
        return nil
    }

    /// Every plist and entitlements file parses with Python's plistlib and holds its top key;
    /// nil, or what went wrong.
    public static func checkPlists(_ paths: [String]) throws -> String? {
        let script = """
            import plistlib, sys
            for path in sys.argv[1:]:
                with open(path, "rb") as f:
                    data = plistlib.load(f)
                key = "IOKitPersonalities" if path.endswith("Info.plist") else "com.apple.developer.driverkit"
                assert key in data, path
            print(len(sys.argv) - 1)
            """
        let result = try Shell.run("python3", ["-c", script] + paths)
        guard result.status == 0, result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(paths.count)" else {
            return "plistlib: \(result.output)\(result.errors)"
        }
        return nil
    }

    /// The program each batch runs: reads every register element of a fresh device through the
    /// provider, and attaches the generated driver through matching.
    public static let source = """
        import DriverRuntime
        import DriverSimulator
        #if canImport(Glibc)
        import Glibc
        #endif

        nonisolated(unsafe) var failures: [String] = []
        nonisolated(unsafe) var checked = 0

        final class Client {}

        func expect(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { failures.append(what()) }
            checked += 1
        }

        /// `actual` holds `expected`'s bytes at their offsets and zeros elsewhere.
        func expectBytes(_ actual: [UInt8], _ expected: [Int: UInt8], _ what: String) {
            let wanted = actual.indices.map { expected[$0] ?? 0 }
            expect(actual == wanted, "\\(what): bytes \\(actual), expected \\(wanted)")
        }

        /// Zeroed memory as a DMA buffer, outside any simulation.
        func makeBuffer(_ length: Int) -> DMABuffer {
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(length, 1), alignment: 64)
            bytes.initializeMemory(as: UInt8.self, repeating: 0, count: max(length, 1))
            return DMABuffer(
                length: length, direction: .bidirectional, segments: [DMASegment(address: 0x10_0000, length: length)],
                bytes: bytes, unmap: { $0.deallocate() })
        }

        /// What the writes recorded in `bus` put in the 8 bytes from `offset` (a register taken in parts is written in parts).
        func written(_ bus: InMemoryBus, at offset: Int) -> UInt64 {
            bus.writes.filter { $0.offset >= offset && $0.offset < offset + 8 }
                .reduce(UInt64(0)) { $0 | $1.value << UInt64(($1.offset - offset) * 8) }
        }

        func runChecks(_ name: String, _ body: () throws -> Void) {
            do { try body() } catch { failures.append("\\(name): \\(error)") }
        }

        func check(_ layout: DeviceLayout, _ personalities: [Personality], _ driver: any PCIDriver.Type, seed: Int) async {
            let simulation = Simulation()
            let device = simulation.makeDevice(layout)
            let provider = SimulatedPCIProvider(device: device)
            let client = Client()
            do { try provider.open(for: client) } catch { failures.append("\\(layout.name): open failed \\(error)"); return }
            provider.configurationWrite16(PCIConfiguration.memorySpaceEnable, at: PCIConfiguration.command)
            for (memoryIndex, bar) in layout.bars.sorted(by: { $0.index < $1.index }).enumerated() {
                for register in bar.registers {
                    let readable = register.isWriteOnly ? 0 : register.fields.filter { $0.access.isReadable }.reduce(UInt64(0)) { $0 | $1.mask }
                    // Bits of fields that cannot be read answer 0; bits of no field keep their reset (reserved bits).
                    let unreadable = register.fields.filter { !$0.access.isReadable }.reduce(UInt64(0)) { $0 | $1.mask }
                    // A register the device takes only in parts is read as generated code reads it.
                    let width = register.accessWidths.contains(register.width) ? register.width : register.accessWidths.max()!
                    for element in 0..<register.count {
                        // Where a write-only register or an alias shares its address with a register of
                        // its own, reads answer with that register, checked in its turn.
                        let start = register.offset(ofElement: element)
                        if register.aliasOf != nil || readable == 0, bar.registers.contains(where: { other in
                            other.name != register.name && other.aliasOf == nil && (0..<other.count).contains { other.offset(ofElement: $0) == start }
                        }) {
                            checked += 1
                            continue
                        }
                        // An alias shows its target's state, which reads of the target may have changed.
                        let stored = register.aliasOf == nil ? register.resetValue : device.value(of: register.name, element: element)
                        var value: UInt64 = 0
                        for part in 0..<register.width / width {
                            let offset = UInt64(register.offset(ofElement: element) + part * width / 8)
                            let index = UInt8(memoryIndex)
                            let partValue: UInt64 = switch width {
                            case 8: UInt64(provider.memoryRead8(memoryIndex: index, offset: offset))
                            case 16: UInt64(provider.memoryRead16(memoryIndex: index, offset: offset))
                            case 32: UInt64(provider.memoryRead32(memoryIndex: index, offset: offset))
                            default: provider.memoryRead64(memoryIndex: index, offset: offset)
                            }
                            value |= partValue << UInt64(part * width)
                        }
                        let expected = readable == 0 ? register.widthMask : stored & ~unreadable & register.widthMask
                        if value != expected {
                            failures.append("\\(layout.name) (spec \\(seed)) \\(register.name)[\\(element)]: read 0x\\(String(value, radix: 16)), expected 0x\\(String(expected, radix: 16))")
                        }
                        checked += 1
                    }
                }
            }
            provider.close(for: client)
            let matchDevice = device.matchDevice(tunnelled: layout.tunnelCompatible)
            guard personalities.count == 1, PersonalityMatcher.evaluate(personalities[0], against: matchDevice).isMatch else {
                failures.append("\\(layout.name): its personality does not match its own device")
                return
            }
            let attachDevice = simulation.makeDevice(layout)
            simulation.bus.register(driver, personalities: personalities)
            do {
                let attachment = try await simulation.bus.attach(attachDevice, tunnelled: layout.tunnelCompatible)
                if await !attachment.driver.isRegistered { failures.append("\\(layout.name): not registered after start") }
                await simulation.bus.detach(attachment)
            } catch {
                failures.append("\\(layout.name): attach failed: \\(error)")
            }
            if !simulation.trace.violations.isEmpty {
                failures.append("\\(layout.name): violations \\(simulation.trace.violations)")
            }
        }
        """
}
