import ArgumentParser

@main
struct DriverGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drivergen",
        abstract: "Turns YAML register maps of PCIe and Thunderbolt devices into typed Swift drivers.",
        subcommands: [Generate.self, Validate.self, Diff.self, Dump.self, Import.self, Docs.self, QEMU.self])
}
