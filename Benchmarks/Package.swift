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
        .package(name: "DriverGen", path: "..")
    ],
    targets: [
        .systemLibrary(name: "LibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
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
                "LibYAML",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
