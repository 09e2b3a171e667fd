// swift-tools-version: 6.2
import PackageDescription

// The baseline of the firmware size benchmark (docs/benchmarks.md, "Firmware size"): the
// microbit example's firmware written with hand-written volatile accesses at raw addresses
// instead of DriverGen's generated registers. `./measure` builds both and compares them.
let package = Package(
    name: "FirmwareSize",
    dependencies: [.package(path: "../../Examples/FirmwareSupport")],
    targets: [
        .executableTarget(
            name: "HandWrittenFirmware",
            dependencies: ["FirmwareSupport", .product(name: "FirmwareConsole", package: "FirmwareSupport")])
    ]
)
