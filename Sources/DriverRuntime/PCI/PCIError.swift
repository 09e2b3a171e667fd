/// Why a provider call failed; mirrors the `kIOReturn` codes PCIDriverKit returns.
public enum PCIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another client has the device open (`kIOReturnExclusiveAccess`).
    case exclusiveAccess
    /// The call needs the device open first (`kIOReturnNotOpen`).
    case notOpen
    /// The device is gone: surprise-removed or failed (`kIOReturnNoDevice`).
    case noDevice
    /// No memory BAR at this index (`kIOReturnBadArgument`).
    case noSuchBAR(Int)
    /// The interrupt type or count is not supported (`kIOReturnUnsupported`).
    case unsupportedInterrupts(String)
    /// No interrupt at this index (`kIOReturnNoInterrupt`).
    case noSuchInterrupt(Int)
    /// The driver's own start failed for a reason it gives.
    case driverFailed(String)
    /// A wait for the device gave up (`kIOReturnTimeout`): what was awaited, and for how long.
    case timedOut(String, after: Duration)
    /// No DMA memory could be had as asked (`kIOReturnNoMemory` / `kIOReturnNoResources`).
    case dmaUnavailable(String)

    public var description: String {
        switch self {
        case .exclusiveAccess: "the device is open by another client"
        case .notOpen: "the device is not open"
        case .noDevice: "the device is gone"
        case .noSuchBAR(let index): "no memory BAR \(index)"
        case .unsupportedInterrupts(let reason): "unsupported interrupt configuration: \(reason)"
        case .noSuchInterrupt(let index): "no interrupt at index \(index)"
        case .driverFailed(let reason): reason
        case .timedOut(let what, let timeout): "timed out after \(timeout) waiting for \(what)"
        case .dmaUnavailable(let reason): "no DMA memory: \(reason)"
        }
    }
}
