import DriverSpec

/// An element of an XML document: its local name (namespace prefix dropped), attributes,
/// child elements, text, and where its start tag is.
struct XMLNode: Sendable {
    var name: String
    /// The namespace URI of the element, where it has one.
    var namespace: String?
    var attributes: [String: String] = [:]
    var children: [XMLNode] = []
    var text = ""
    var location: SourceLocation

    /// The first child element called `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child element called `name`, in document order.
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The trimmed text of the first child called `name`; nil when there is none or it is empty.
    func value(_ name: String) -> String? {
        guard let text = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// The element with the children of `derived` put over this one's, tag by tag: what a
    /// CMSIS-SVD `derivedFrom` means (the derived element inherits everything it does not set).
    /// Children named in `notInherited` stay the derived element's own.
    func overlaid(with derived: XMLNode, notInherited: Set<String> = []) -> XMLNode {
        var result = derived
        let overridden = Set(derived.children.map(\.name)).union(notInherited)
        result.children = children.filter { !overridden.contains($0.name) } + derived.children
        return result
    }
}
