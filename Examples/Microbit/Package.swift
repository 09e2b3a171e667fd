// swift-tools-version: 6.2
import PackageDescription

// Firmware for QEMU's `microbit` board (nRF51822, Cortex-M0), on DriverGen's generated
// registers. Build it for the chip with the toolset (see README.md); `swift test` runs the
// UART code against DriverGen's simulator on this machine.
let package = Package(
    name: "Microbit",
    products: [
        .executable(name: "Firmware", targets: ["Firmware"])
    ],
    traits: [
        .trait(name: "Hosted", description: "Builds for this machine, with DriverGen's hosted runtime (tests on the simulator)."),
        .default(enabledTraits: ["Hosted"]),
    ],
    dependencies: [
        .package(name: "DriverGen", path: "../.."),
        .package(path: "../FirmwareSupport"),
    ],
    targets: [
        // `drivergen generate --config drivergen.json` writes Generated/NRF51 from
        // Specs/nrf51.yaml (a module name other than the chip's namespace, `NRF51`). Its layout
        // and values' `description` need DriverRuntime, in hosted builds only: the firmware
        // build turns the Hosted trait off (--disable-default-traits).
        .target(
            name: "NRF51Chip",
            dependencies: [
                "FirmwareSupport",
                .product(name: "RegisterCore", package: "DriverGen"),
                .product(name: "DriverRuntime", package: "DriverGen", condition: .when(traits: ["Hosted"])),
            ],
            path: "Generated/NRF51"),
        // The firmware's logic, generic over the bus: volatile accesses on the chip, the
        // simulator in tests.
        .target(
            name: "UARTConsole",
            dependencies: ["NRF51Chip", .product(name: "FirmwareConsole", package: "FirmwareSupport"), .product(name: "RegisterCore", package: "DriverGen")]),
        .executableTarget(
            name: "Firmware",
            dependencies: ["NRF51Chip", "FirmwareSupport", .product(name: "FirmwareConsole", package: "FirmwareSupport"), "UARTConsole"]),
        .testTarget(
            name: "UARTConsoleTests",
            dependencies: [
                "NRF51Chip", "UARTConsole", .product(name: "FirmwareConsole", package: "FirmwareSupport"),
                .product(name: "DriverRuntime", package: "DriverGen"),
                .product(name: "DriverSimulator", package: "DriverGen"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
