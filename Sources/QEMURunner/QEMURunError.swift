/// Why `drivergen qemu` could not run the guest or why the run failed; every message says what
/// to do.
public enum QEMURunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration is missing or wrong.
    case configuration(String)
    /// This system cannot run the tier at all (no Linux VFIO guest path).
    case unsupportedPlatform(String)
    /// Tools are missing and cannot be installed here.
    case missingTools(String)
    /// Building a guest executable failed.
    case build(String)
    /// QEMU refused its arguments or exited before the guest ran.
    case qemu(String)
    /// The guest did not finish within the time limit.
    case timeLimit(String)
    /// The guest ran and something failed: scenarios, host checks, a panic.
    case failed(String)

    public var description: String {
        switch self {
        case .configuration(let message), .unsupportedPlatform(let message), .missingTools(let message), .build(let message),
            .qemu(let message), .timeLimit(let message), .failed(let message):
            message
        }
    }
}
