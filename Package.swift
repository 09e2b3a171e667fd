// swift-tools-version: 6.3
import Foundation
import PackageDescription

/// Personality plists and entitlements sit beside the generated Swift; they are not sources.
let generatedNonSwiftFiles: [String] = {
    let root = Context.packageDirectory + "/Generated"
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []
    return files.filter { $0.hasSuffix(".plist") || $0.hasSuffix(".entitlements") }.sorted()
}()

let package = Package(
    name: "DriverGen",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RegisterCore", targets: ["RegisterCore"]),
        .library(name: "DriverRuntime", targets: ["DriverRuntime"]),
        .library(name: "DriverSimulator", targets: ["DriverSimulator"]),
        .library(name: "DriverSpec", targets: ["DriverSpec"]),
        .library(name: "DriverDiff", targets: ["DriverDiff"]),
        .library(name: "VFIOHost", targets: ["VFIOHost"]),
        .library(name: "QEMUGuest", targets: ["QEMUGuest"]),
        .executable(name: "drivergen", targets: ["drivergen"]),
        .executable(name: "drivergen-host", targets: ["drivergen-host"]),
        .plugin(name: "GenerateDrivers", targets: ["GenerateDrivers"]),
        .plugin(name: "DriverGenCommand", targets: ["DriverGenCommand"]),
        .plugin(name: "QEMUCommand", targets: ["QEMUCommand"]),
        .plugin(name: "GenerateDocs", targets: ["GenerateDocs"]),
        // Underscored: for this repository's Benchmarks package only, no API stability (as
        // swift-openapi-generator's _OpenAPIGeneratorCore).
        .library(name: "_DriverCodegen", targets: ["DriverCodegen"]),
        .library(name: "_SpecSynthesis", targets: ["SpecSynthesis"]),
        .library(name: "_GeneratedDrivers", targets: ["GeneratedDrivers"]),
        .library(name: "_DeviceModels", targets: ["DeviceModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `swift package generate-documentation`: the DocC catalogs of the libraries.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The system's libyaml: `apt install libyaml-dev` (Debian, Ubuntu), `brew install libyaml`.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "DriverSpec", dependencies: ["CYAML"]),
        // The semantic diff of two spec revisions and its report formats (`drivergen diff`).
        .target(name: "DriverDiff", dependencies: ["DriverSpec"]),
        .target(name: "CVolatile"),
        // The package's one lock (a pthread mutex ThreadSanitizer understands), `package` access.
        .target(name: "Locking"),
        // Registers, blocks and buses: what firmware needs, in Embedded Swift too (no Foundation,
        // Dispatch, reflection, key paths or existentials).
        .target(name: "RegisterCore", dependencies: ["CVolatile"]),
        .target(name: "DriverRuntime", dependencies: ["CVolatile", "Locking", "RegisterCore"]),
        .target(
            name: "DriverTemplates",
            path: "Templates",
            resources: [
                .embedInCode("header.mustache"),
                .embedInCode("device.swift.mustache"),
                .embedInCode("registers.swift.mustache"),
                .embedInCode("register.mustache"),
                .embedInCode("sharedRegister.mustache"),
                .embedInCode("field.mustache"),
                .embedInCode("enum.mustache"),
                .embedInCode("sharedEnum.mustache"),
                .embedInCode("flags.mustache"),
                .embedInCode("fieldOptions.mustache"),
                .embedInCode("blocks.swift.mustache"),
                .embedInCode("personality.swift.mustache"),
                .embedInCode("driverBase.swift.mustache"),
                .embedInCode("driver.swift.mustache"),
                .embedInCode("structures.swift.mustache"),
                .embedInCode("structureField.mustache"),
                .embedInCode("microcontroller.swift.mustache"),
                .embedInCode("interrupts.swift.mustache"),
                .embedInCode("interruptHandlers.swift.mustache"),
            ]
        ),
        .target(
            name: "DriverCodegen",
            dependencies: [
                "DriverSpec",
                "DriverTemplates",
                "Locking",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "DriverSimulator", dependencies: ["DriverRuntime", "Locking"]),
        // Simulated models of the bundled devices (QEMU's edu, ivshmem, e1000e, nvme), written
        // against their generated register and structure types.
        .target(name: "DeviceModels", dependencies: ["DriverRuntime", "DriverSimulator", "GeneratedDrivers", "Locking"]),
        // Linux only: its sources compile to nothing elsewhere.
        .target(name: "CVFIO"),
        .target(name: "VFIOHost", dependencies: ["CVFIO", "CVolatile", "DriverRuntime", "Locking"]),
        // Scenarios in a QEMU guest: a harness whose output `drivergen qemu` reads.
        .target(name: "QEMUGuest", dependencies: ["DriverRuntime", "VFIOHost"]),
        // `drivergen qemu` on the host: build, pack, boot, judge.
        .target(name: "QEMURunner", dependencies: ["Locking"]),
        .target(name: "RegisterDump", dependencies: ["DriverRuntime", "DriverSpec"]),
        .target(name: "DriverImport", dependencies: ["DriverSpec"]),
        // The HTML register reference of specs (`drivergen docs`).
        .target(name: "DriverDocs", dependencies: ["DriverSpec"]),
        // Runs the bundled generated drivers on real PCI functions (Linux, VFIO).
        .executableTarget(name: "drivergen-host", dependencies: ["DriverRuntime", "GeneratedDrivers", "VFIOHost"]),
        .target(name: "SpecSynthesis"),
        // The committed output of `drivergen generate` for Specs/, compiled so tests can use it.
        .target(
            name: "GeneratedDrivers",
            dependencies: ["DriverRuntime"],
            path: "Generated",
            exclude: generatedNonSwiftFiles
        ),
        .executableTarget(
            name: "drivergen",
            dependencies: [
                "DriverSpec",
                "DriverCodegen",
                "DriverDiff",
                "DriverDocs",
                "DriverImport",
                "QEMURunner",
                "RegisterDump",
                "VFIOHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DriverSpecTests", dependencies: ["DriverSpec", "TestSupport"], exclude: ["InvalidSpecs"]),
        .testTarget(name: "DriverDiffTests", dependencies: ["DriverDiff", "DriverSpec", "TestSupport"]),
        .testTarget(name: "DriverDocsTests", dependencies: ["DriverDocs", "DriverSpec", "TestSupport"]),
        .plugin(
            name: "GenerateDrivers",
            capability: .command(
                intent: .custom(verb: "generate-drivers", description: "Generate typed Swift drivers from the package's device specs."),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated drivers into the package, to be committed.")]
            ),
            dependencies: ["drivergen"]
        ),
        .plugin(
            name: "DriverGenCommand",
            capability: .command(intent: .custom(verb: "drivergen", description: "Run a drivergen subcommand (validate, diff, dump) in the package.")),
            dependencies: ["drivergen"]
        ),
        .plugin(
            name: "GenerateDocs",
            capability: .command(
                intent: .custom(verb: "generate-register-docs", description: "Write the HTML register reference of the package's specs (drivergen docs)."),
                permissions: [.writeToPackageDirectory(reason: "Writes the register reference, by default to .build/register-reference.")]
            ),
            dependencies: ["drivergen"]
        ),
        .plugin(
            name: "QEMUCommand",
            capability: .command(
                intent: .custom(verb: "drivergen-qemu", description: "Run the package's driver scenarios in a QEMU guest through VFIO (drivergen qemu)."),
                permissions: [.writeToPackageDirectory(reason: "Builds the guest executables in .build-qemu in the package.")]
            ),
            dependencies: ["drivergen"]
        ),
        .target(name: "TestSupport", dependencies: ["DriverRuntime", "Locking"], path: "Tests/TestSupport"),
        .testTarget(name: "DriverGenCLITests", dependencies: ["drivergen", "Locking", "SpecSynthesis", "TestSupport"]),
        .testTarget(
            name: "DriverCodegenTests",
            dependencies: ["DriverCodegen", "DriverSpec", "GeneratedDrivers", "Locking", "SpecSynthesis", "TestSupport"],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "GeneratedDriversTests", dependencies: ["DeviceModels", "GeneratedDrivers", "DriverRuntime", "Locking", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DeviceModels", "GeneratedDrivers", "DriverRuntime", "DriverSimulator"]),
        .testTarget(name: "DriverSimulatorTests", dependencies: ["DriverRuntime", "DriverSimulator", "Locking"]),
        .testTarget(name: "DriverRuntimeTests", dependencies: ["DriverRuntime", "DriverSimulator", "Locking"]),
        .testTarget(name: "VFIOHostTests", dependencies: ["VFIOHost"]),
        .testTarget(name: "QEMURunnerTests", dependencies: ["QEMURunner"]),
        .testTarget(name: "QEMUGuestTests", dependencies: ["QEMUGuest", "VFIOHost"]),
        .testTarget(name: "DriverImportTests", dependencies: ["DriverImport", "DriverSpec", "DriverCodegen", "TestSupport"]),
        .testTarget(name: "RegisterDumpTests", dependencies: ["DeviceModels", "RegisterDump", "DriverSimulator", "DriverSpec", "GeneratedDrivers", "TestSupport"]),
        // Runs inside a QEMU guest (Tests/QEMU/run-qemu-tier): generated drivers on QEMU's devices through VFIO.
        .executableTarget(
            name: "QEMUScenarios",
            dependencies: ["DeviceModels", "DriverRuntime", "DriverSimulator", "GeneratedDrivers", "QEMUGuest", "VFIOHost"],
            path: "Tests/QEMU/Scenarios"
        ),
    ],
    swiftLanguageModes: [.v6]
)
