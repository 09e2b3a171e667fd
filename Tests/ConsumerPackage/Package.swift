// swift-tools-version: 6.1
// A package that uses DriverGen the way a driver author does: a spec of its own, the
// generate-drivers plugin, the generated driver compiled and tested on the simulator.
// DriverGen's CI runs it from a clean state (see .ci/consumer-package), and runs its calculator
// driver on QEMU's edu device through `swift package drivergen-qemu`. drivergen.json sends
// Info.plist and the entitlements to DriverBundle/, outside the target, so it needs no excludes.
import PackageDescription

let package = Package(
    name: "ThermalDriver",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DriverGen", path: "../..")
    ],
    targets: [
        .target(
            name: "ThermalDrivers",
            dependencies: [.product(name: "DriverRuntime", package: "DriverGen")]
        ),
        // Runs in a QEMU guest: `swift package --allow-writing-to-package-directory drivergen-qemu`.
        .executableTarget(
            name: "CalculatorGuest",
            dependencies: [
                "ThermalDrivers",
                .product(name: "QEMUGuest", package: "DriverGen"),
                .product(name: "VFIOHost", package: "DriverGen"),
            ]
        ),
        .testTarget(
            name: "ThermalDriverTests",
            dependencies: ["ThermalDrivers", .product(name: "DriverSimulator", package: "DriverGen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
