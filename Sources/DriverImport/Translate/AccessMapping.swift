/// SVD / IP-XACT access (`access`, `modifiedWriteValues`, `readAction`) to a spec access kind,
/// with a note where the spec language says less than the source.
enum AccessMapping {
    struct Mapped: Equatable {
        var kind: String
        /// Why the kind is an approximation; nil when it is exact.
        var note: String?
    }

    static func map(_ source: SourceAccess) -> Mapped {
        // Vendors vary the case (`read-writeonce`); the standards' words are compared without it.
        let access = source.access ?? "read-write"
        let write = source.modifiedWriteValues
        let read = source.readAction?.lowercased()
        switch access.lowercased() {
        case "read-only":
            var mapped: Mapped
            switch read {
            case "clear"?: mapped = Mapped(kind: "rc")
            case "set"?: mapped = Mapped(kind: "rs")
            case let other?: mapped = Mapped(kind: "ro", note: "read action '\(other)' has no access kind; imported as ro (reads may have side effects)")
            case nil: mapped = Mapped(kind: "ro")
            }
            if let write, mapped.note == nil {
                mapped.note = "modified write values '\(write)' on a read-only field mean nothing; imported as \(mapped.kind)"
            }
            return mapped
        case "write-only":
            if let write { return Mapped(kind: "wo", note: "modified write values '\(write)' on a write-only field have no access kind; imported as wo") }
            return Mapped(kind: "wo")
        case "writeonce":
            return Mapped(kind: "w1")
        case "read-writeonce":
            return Mapped(kind: "rw1")
        case "read-write":
            return readWrite(write: write, read: read)
        default:
            return Mapped(kind: "rw", note: "access '\(access)' is not CMSIS-SVD or IP-XACT; imported as rw")
        }
    }

    private static func readWrite(write: String?, read: String?) -> Mapped {
        let byWrite: [String: String] = [
            "onetoclear": "w1c", "onetoset": "w1s", "onetotoggle": "w1t",
            "zerotoclear": "w0c", "zerotoset": "w0s", "zerototoggle": "w0t",
            "clear": "wc", "set": "ws",
        ]
        switch (write?.lowercased(), read) {
        case (nil, nil):
            return Mapped(kind: "rw")
        case ("onetoclear"?, "clear"?):
            return Mapped(kind: "rc-w1c")
        case (nil, "clear"?):
            return Mapped(kind: "rc", note: "read-write with reads that clear has no access kind; imported as rc (read-only, reading clears)")
        case (nil, "set"?):
            return Mapped(kind: "rs", note: "read-write with reads that set has no access kind; imported as rs (read-only, reading sets)")
        case (nil, let read?):
            return Mapped(kind: "rw", note: "read action '\(read)' has no access kind; imported as rw (reads may have side effects)")
        case (let lowered?, let read):
            let write = write ?? lowered
            guard let kind = byWrite[lowered] else {
                return Mapped(kind: "rw", note: "modified write values '\(write)' have no access kind; imported as rw")
            }
            if let read {
                return Mapped(kind: kind, note: "read action '\(read)' together with '\(write)' has no access kind; imported as \(kind)")
            }
            return Mapped(kind: kind)
        }
    }

    /// Kinds that cannot be written, and kinds that cannot be read: a register of each may
    /// share an address.
    static let readOnlyKinds: Set<String> = ["ro", "rc", "rs"]
    static let writeOnlyKinds: Set<String> = ["wo", "w1"]
    /// The kinds an alias may have, and the nearest one for the others.
    static func aliasKind(_ kind: String) -> String? {
        switch kind {
        case "rw", "ro", "wo", "rc", "w1s", "w1c", "w1t", "rc-w1c": return kind
        case "w1": return "wo"
        case "rw1": return "rw"
        case "rs": return "ro"
        default: return nil
        }
    }
}
