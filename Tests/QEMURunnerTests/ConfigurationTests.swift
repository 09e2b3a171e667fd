import Foundation
import QEMURunner
import Testing

/// The "qemu" object of drivergen.json: defaults, and refusals that say what to write.
@Suite struct ConfigurationTests {
    let path = NSTemporaryDirectory() + "drivergen-\(UUID().uuidString).json"

    func load(_ json: String) throws(QEMURunError) -> QEMUConfiguration {
        try? json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try QEMUConfiguration.load(from: path)
    }

    @Test func defaultsFillWhatIsNotGiven() throws {
        let configuration = try load(#"{"specs": ["Specs"], "qemu": {"guest": "Guest", "devices": [["-device", "edu"]]}}"#)
        #expect(configuration == QEMUConfiguration(guest: "Guest", devices: [["-device", "edu"]], timeLimit: 600, memory: 1024))
    }

    @Test func aMissingQEMUObjectSaysWhatToAdd() {
        #expect(throws: QEMURunError.configuration("\(path) has no \"qemu\" object: give at least {\"qemu\": {\"guest\": \"<executable product>\"}}")) {
            try load(#"{"specs": ["Specs"]}"#)
        }
    }

    @Test func anUnknownKeyAndAMissingGuestAreNamed() {
        #expect(
            throws: QEMURunError.configuration(
                "\(path): unknown key 'device' in \"qemu\"; known keys: guest, arguments, packages, devices, memory, "
                    + "also-build, link-libraries, backing-files, guest-files, after-guest, host-checks, time-limit")
        ) {
            try load(#"{"qemu": {"guest": "Guest", "device": []}}"#)
        }
        #expect(throws: QEMURunError.configuration("\(path): \"qemu\" needs \"guest\"")) {
            try load(#"{"qemu": {"devices": []}}"#)
        }
    }

    @Test func aBackingFileSizeMustBeASize() throws {
        #expect(throws: QEMURunError.configuration("\(path): backing file 'disk.img' has size 'big'; write a number of bytes or 512K, 4M, 1G")) {
            try load(#"{"qemu": {"guest": "Guest", "backing-files": [{"name": "disk.img", "size": "big"}]}}"#)
        }
        #expect(QEMUConfiguration.BackingFile(name: "a", size: "4M").bytes == 4 << 20)
        #expect(QEMUConfiguration.BackingFile(name: "a", size: "512K").bytes == 512 << 10)
        #expect(QEMUConfiguration.BackingFile(name: "a", size: "4096").bytes == 4096)
    }
}
