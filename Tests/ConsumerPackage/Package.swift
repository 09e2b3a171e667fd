// swift-tools-version: 6.1
// A package that uses DriverGen the way a driver author does: a spec of its own, the
// generate-drivers plugin, the generated driver compiled and tested on the simulator.
// DriverGen's CI runs it from a clean state (see .ci/consumer-package).
import Foundation
import PackageDescription

/// The generated personality plists and entitlements are not sources.
let generatedNonSwiftFiles: [String] = {
    let root = Context.packageDirectory + "/Sources/ThermalDrivers"
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []
    return files.filter { $0.hasSuffix(".plist") || $0.hasSuffix(".entitlements") }.sorted()
}()

let package = Package(
    name: "ThermalDriver",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "DriverGen", path: "../.."),
    ],
    targets: [
        .target(
            name: "ThermalDrivers",
            dependencies: [.product(name: "DriverRuntime", package: "DriverGen")],
            exclude: generatedNonSwiftFiles
        ),
        .testTarget(
            name: "ThermalDriverTests",
            dependencies: ["ThermalDrivers", .product(name: "DriverSimulator", package: "DriverGen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
