/// Why a PCI function could not be opened or used through VFIO. Each message says what to
/// run to fix it.
public struct VFIOError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
