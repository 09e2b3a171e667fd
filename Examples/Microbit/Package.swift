// swift-tools-version: 6.2
import PackageDescription

// Firmware for QEMU's `microbit` board (nRF51822, Cortex-M0), on DriverGen's generated
// registers. Build it for the chip with the toolset (see README.md); `swift test` runs the
// UART code against DriverGen's simulator on this machine.
let package = Package(
    name: "Microbit",
    products: [
        .executable(name: "Firmware", targets: ["Firmware"]),
    ],
    dependencies: [
        .package(name: "DriverGen", path: "../.."),
    ],
    targets: [
        // `drivergen generate Specs -o Sources` writes this from Specs/nrf51.yaml.
        .target(name: "NRF51", dependencies: ["Support", .product(name: "RegisterCore", package: "DriverGen")]),
        // The firmware's logic, generic over the bus: volatile accesses on the chip, the
        // simulator in tests.
        .target(name: "UARTConsole", dependencies: ["NRF51", .product(name: "RegisterCore", package: "DriverGen")]),
        // Startup: the core's vector table entries, reset, semihosting exit.
        .target(name: "Support"),
        .executableTarget(name: "Firmware", dependencies: ["NRF51", "Support", "UARTConsole"]),
        .testTarget(
            name: "UARTConsoleTests",
            dependencies: [
                "NRF51", "UARTConsole",
                .product(name: "DriverRuntime", package: "DriverGen"),
                .product(name: "DriverSimulator", package: "DriverGen"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
