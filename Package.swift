// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "DriverGen",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DriverSpec", targets: ["DriverSpec"]),
        .executable(name: "drivergen", targets: ["drivergen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "DriverSpec",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SpecSynthesis"),
        .executableTarget(
            name: "DriverGenBenchmarks",
            dependencies: ["DriverSpec", "SpecSynthesis"]
        ),
        .executableTarget(
            name: "drivergen",
            dependencies: [
                "DriverSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DriverSpecTests", dependencies: ["DriverSpec"], exclude: ["InvalidSpecs"]),
        .testTarget(name: "DriverGenCLITests", dependencies: ["drivergen"]),
    ],
    swiftLanguageModes: [.v6]
)
