// swift-tools-version: 6.2
import PackageDescription

// What DriverGen's firmware examples share beside their generated registers: a Cortex-M
// startup (the core's vector table entries, reset, semihosting exit), the few C runtime
// functions the compiler calls, NVIC access, and text printing over any byte output. Boards
// bring their own linker script.
let package = Package(
    name: "FirmwareSupport",
    products: [
        .library(name: "FirmwareSupport", targets: ["FirmwareSupport"]),
        .library(name: "FirmwareConsole", targets: ["FirmwareConsole"]),
    ],
    targets: [
        .target(name: "FirmwareSupport"),
        .target(name: "FirmwareConsole"),
    ]
)
