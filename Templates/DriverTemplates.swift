/// The Mustache templates DriverGen renders generated Swift files from, compiled into the tool
/// so it needs no resource bundle at run time. `drivergen generate --templates DIR` replaces any
/// of them with a file of the same name.
public enum DriverTemplates {
    /// Template name (file name without `.mustache`) to template text.
    public static let bundled: [String: String] = [
        "header": text(PackageResources.header_mustache),
        "device.swift": text(PackageResources.device_swift_mustache),
        "registers.swift": text(PackageResources.registers_swift_mustache),
        "register": text(PackageResources.register_mustache),
        "sharedRegister": text(PackageResources.sharedRegister_mustache),
        "field": text(PackageResources.field_mustache),
        "enum": text(PackageResources.enum_mustache),
        "sharedEnum": text(PackageResources.sharedEnum_mustache),
        "flags": text(PackageResources.flags_mustache),
        "fieldOptions": text(PackageResources.fieldOptions_mustache),
        "blocks.swift": text(PackageResources.blocks_swift_mustache),
        "personality.swift": text(PackageResources.personality_swift_mustache),
        "driverBase.swift": text(PackageResources.driverBase_swift_mustache),
        "driver.swift": text(PackageResources.driver_swift_mustache),
        "structures.swift": text(PackageResources.structures_swift_mustache),
        "structureField": text(PackageResources.structureField_mustache),
        "microcontroller.swift": text(PackageResources.microcontroller_swift_mustache),
        "interrupts.swift": text(PackageResources.interrupts_swift_mustache),
        "interruptHandlers.swift": text(PackageResources.interruptHandlers_swift_mustache),
    ]

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
