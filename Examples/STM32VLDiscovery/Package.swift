// swift-tools-version: 6.2
import PackageDescription

// Firmware for QEMU's `stm32vldiscovery` board (STM32F100RB, Cortex-M3), on DriverGen's
// generated registers. Build it for the chip with the toolset (README.md); `swift test` runs
// the USART code against DriverGen's simulator on this machine.
let package = Package(
    name: "STM32VLDiscovery",
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
        // `drivergen generate --config drivergen.json` writes Generated/STM32F100 from
        // Specs/stm32f100.yaml. Its layout and values' `description` need DriverRuntime, in
        // hosted builds only: the firmware build turns the Hosted trait off.
        .target(
            name: "STM32F100Chip",
            dependencies: [
                "FirmwareSupport",
                .product(name: "RegisterCore", package: "DriverGen"),
                .product(name: "DriverRuntime", package: "DriverGen", condition: .when(traits: ["Hosted"])),
            ],
            path: "Generated/STM32F100"),
        // The firmware's logic, generic over the bus.
        .target(
            name: "USARTConsole",
            dependencies: ["STM32F100Chip", .product(name: "FirmwareConsole", package: "FirmwareSupport"), .product(name: "RegisterCore", package: "DriverGen")]),
        .executableTarget(
            name: "Firmware",
            dependencies: ["STM32F100Chip", "FirmwareSupport", .product(name: "FirmwareConsole", package: "FirmwareSupport"), "USARTConsole"]),
        .testTarget(
            name: "USARTConsoleTests",
            dependencies: [
                "STM32F100Chip", "USARTConsole", .product(name: "FirmwareConsole", package: "FirmwareSupport"),
                .product(name: "DriverRuntime", package: "DriverGen"),
                .product(name: "DriverSimulator", package: "DriverGen"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
