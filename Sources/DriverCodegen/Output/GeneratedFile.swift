/// One file generation produces, with a path relative to the output folder.
public struct GeneratedFile: Sendable, Equatable {
    /// Who owns the file once it exists.
    public enum Ownership: Sendable, Equatable {
        /// Rewritten by every `generate`; `generate --check` reports it when it differs.
        case generated
        /// Created once for the user to edit; never overwritten, only reported when missing.
        case user
    }

    public var path: String
    public var contents: String
    public var ownership: Ownership

    public init(path: String, contents: String, ownership: Ownership = .generated) {
        self.path = path
        self.contents = contents
        self.ownership = ownership
    }
}
