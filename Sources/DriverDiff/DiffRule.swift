import DriverSpec

/// How much a spec change matters to drivers built from the spec.
public enum DiffLevel: String, Sendable, Comparable, CaseIterable, Codable {
    /// Compatible: additions, documentation.
    case info
    /// Could break: code that switches over an enum, a driver relying on a limit.
    case warning
    /// Generated Swift that compiled before no longer does, or a driver now touches the
    /// hardware differently.
    case breaking

    public static func < (lhs: DiffLevel, rhs: DiffLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Every kind of change `drivergen diff` reports, with a stable id and a fixed level.
public enum DiffRule: String, Sendable, CaseIterable, Codable {
    // Devices and identity
    case deviceAdded = "device-added"
    case deviceRemoved = "device-removed"
    case deviceRenamed = "device-renamed"
    case descriptionChanged = "description-changed"
    case pciVendorChanged = "pci-vendor-changed"
    case pciDeviceIDRemoved = "pci-device-id-removed"
    case pciDeviceIDAdded = "pci-device-id-added"
    case pciRevisionChanged = "pci-revision-changed"
    case pciClassChanged = "pci-class-changed"
    case pciClassMatchChanged = "pci-class-match-changed"
    case pciSubsystemChanged = "pci-subsystem-changed"
    case tunnelCompatibilityDropped = "tunnel-compatibility-dropped"
    case tunnelCompatibilityAdded = "tunnel-compatibility-added"
    case pauseCompatibilityDropped = "pause-compatibility-dropped"
    case pauseCompatibilityAdded = "pause-compatibility-added"
    case storageChanged = "storage-changed"
    case driverClassRenamed = "driver-class-renamed"
    case bundleIDChanged = "bundle-id-changed"
    case probeScoreChanged = "probe-score-changed"
    case userClientChanged = "user-client-changed"
    // BARs
    case barAdded = "bar-added"
    case barRemoved = "bar-removed"
    case barRenamed = "bar-renamed"
    case barMoved = "bar-moved"
    case barTypeChanged = "bar-type-changed"
    case barResized = "bar-resized"
    // Microcontrollers
    case peripheralMoved = "peripheral-moved"
    case interruptLineAdded = "interrupt-line-added"
    case interruptLineRemoved = "interrupt-line-removed"
    case interruptLineRenumbered = "interrupt-line-renumbered"
    // Registers
    case registerAdded = "register-added"
    case registerRemoved = "register-removed"
    case registerRenamed = "register-renamed"
    case registerMoved = "register-moved"
    case registerWidthChanged = "register-width-changed"
    case registerAccessNarrowed = "register-access-narrowed"
    case registerAccessWidened = "register-access-widened"
    case registerResetChanged = "register-reset-changed"
    case registerArrayChanged = "register-array-changed"
    case registerArrayGrown = "register-array-grown"
    case accessWidthsNarrowed = "access-widths-narrowed"
    case accessWidthsWidened = "access-widths-widened"
    case registerEffectChanged = "register-effect-changed"
    case accessOrderChanged = "access-order-changed"
    case registerAliasChanged = "register-alias-changed"
    // Fields and enums
    case fieldAdded = "field-added"
    case fieldRemoved = "field-removed"
    case fieldRenamed = "field-renamed"
    case fieldBitsChanged = "field-bits-changed"
    case fieldAccessNarrowed = "field-access-narrowed"
    case fieldAccessWidened = "field-access-widened"
    case fieldAccessSemanticsChanged = "field-access-semantics-changed"
    case fieldResetChanged = "field-reset-changed"
    case fieldBecameEnum = "field-became-enum"
    case fieldEnumRemoved = "field-enum-removed"
    case fieldBecameFlags = "field-became-flags"
    case fieldFlagsRemoved = "field-flags-removed"
    case flagAdded = "flag-added"
    case flagRemoved = "flag-removed"
    case flagRenamed = "flag-renamed"
    case flagMoved = "flag-moved"
    case enumValueAdded = "enum-value-added"
    case enumValueRemoved = "enum-value-removed"
    case enumValueRenamed = "enum-value-renamed"
    case enumValueChanged = "enum-value-changed"
    // Interrupts
    case interruptsAdded = "interrupts-added"
    case interruptsRemoved = "interrupts-removed"
    case interruptKindChanged = "interrupt-kind-changed"
    case interruptVectorsReduced = "interrupt-vectors-reduced"
    case interruptVectorsIncreased = "interrupt-vectors-increased"
    case interruptsOptionalityChanged = "interrupts-optionality-changed"
    case interruptSourceAdded = "interrupt-source-added"
    case interruptSourceRemoved = "interrupt-source-removed"
    case interruptSourceRenamed = "interrupt-source-renamed"
    case interruptSourceVectorChanged = "interrupt-source-vector-changed"
    case interruptSourceRegistersChanged = "interrupt-source-registers-changed"
    case msixStructureMoved = "msix-structure-moved"
    // DMA structures
    case structureAdded = "structure-added"
    case structureRemoved = "structure-removed"
    case structureRenamed = "structure-renamed"
    case structureResized = "structure-resized"
    case structureByteOrderChanged = "structure-byte-order-changed"
    case structureFieldAdded = "structure-field-added"
    case structureFieldRemoved = "structure-field-removed"
    case structureFieldRenamed = "structure-field-renamed"
    case structureFieldMoved = "structure-field-moved"
    case structureFieldResized = "structure-field-resized"
    case structureFieldTypeChanged = "structure-field-type-changed"
    case structureViewAdded = "structure-view-added"
    case structureViewRemoved = "structure-view-removed"
    case structureViewRenamed = "structure-view-renamed"
    // Rings
    case ringAdded = "ring-added"
    case ringRemoved = "ring-removed"
    case ringRenamed = "ring-renamed"
    case ringEntryChanged = "ring-entry-changed"
    case ringEntryResized = "ring-entry-resized"
    case ringRoleChanged = "ring-role-changed"
    case ringRegistersChanged = "ring-registers-changed"
    case ringReadinessChanged = "ring-readiness-changed"
    case ringEntryCountNarrowed = "ring-entry-count-narrowed"
    case ringEntryCountWidened = "ring-entry-count-widened"

    public var id: String { rawValue }

    public var level: DiffLevel {
        switch self {
        case .deviceAdded, .descriptionChanged, .pciDeviceIDAdded, .pciRevisionChanged, .pciClassChanged,
            .tunnelCompatibilityAdded, .pauseCompatibilityAdded, .barAdded, .registerAdded, .registerArrayGrown,
            .accessWidthsWidened, .fieldAdded, .interruptsAdded, .interruptSourceAdded, .flagAdded,
            .structureAdded, .structureFieldAdded, .structureViewAdded, .ringAdded, .ringEntryCountWidened,
            .interruptLineAdded:
            .info
        case .probeScoreChanged, .userClientChanged, .barTypeChanged, .barResized, .registerAccessWidened,
            .fieldAccessWidened, .enumValueAdded, .interruptVectorsIncreased, .msixStructureMoved,
            .interruptsOptionalityChanged, .accessOrderChanged:
            .warning
        default:
            .breaking
        }
    }
}
