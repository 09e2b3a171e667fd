/// One file generation produces, with a path relative to the output folder.
public struct GeneratedFile: Sendable, Equatable {
    /// Who owns the file once it exists.
    public enum Ownership: Sendable, Equatable {
        /// Rewritten by every `generate`; `generate --check` reports it when it differs.
        case generated
        /// Created once for the user to edit; never overwritten, only reported when missing.
        case user
    }

    /// Which output folder the file belongs in.
    public enum Destination: Sendable, Equatable {
        /// Swift source, for the folder a target compiles (`--output`).
        case sources
        /// The dext bundle's property lists (`Info.plist`, entitlements), which a SwiftPM target
        /// must not see; they go to `--bundle-output` when it is given, else beside the sources.
        case bundle
    }

    public var path: String
    public var contents: String
    public var ownership: Ownership
    public var destination: Destination

    public init(path: String, contents: String, ownership: Ownership = .generated, destination: Destination = .sources) {
        self.path = path
        self.contents = contents
        self.ownership = ownership
        self.destination = destination
    }
}
