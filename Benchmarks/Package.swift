// swift-tools-version: 6.3
// DriverGen's benchmarks, a package of their own (as swift-nio's are) so that building or
// testing DriverGen never builds them. Run from the repository root:
//
//     swift run -c release --package-path Benchmarks DriverGenBenchmarks [name...]
//
// See docs/benchmarks.md for what each measures and the figures last recorded.
import PackageDescription

let package = Package(
    name: "DriverGenBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DriverGen", path: ".."),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "DriverGenBenchmarks",
            dependencies: [
                .product(name: "DriverRuntime", package: "DriverGen"),
                .product(name: "DriverSimulator", package: "DriverGen"),
                .product(name: "DriverSpec", package: "DriverGen"),
                .product(name: "_DriverCodegen", package: "DriverGen"),
                .product(name: "_GeneratedDrivers", package: "DriverGen"),
                .product(name: "_DeviceModels", package: "DriverGen"),
                .product(name: "_SpecSynthesis", package: "DriverGen"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
