import DriverSpec

/// Pairs the elements of two versions by name, then pairs what is left by place: the same
/// place under a new name is a rename, not a removal and an addition.
struct Matching<Element> {
    var pairs: [(old: Element, new: Element, renamed: Bool)] = []
    var removed: [Element] = []
    var added: [Element] = []

    init<Place: Hashable>(old: [Element], new: [Element], name: (Element) -> String, place: (Element) -> Place) {
        self.init(old: old, new: new, name: name, oldPlace: place, newPlace: place)
    }

    /// Places computed differently for each version (e.g. relative to matched containers).
    init<Place: Hashable>(
        old: [Element], new: [Element], name: (Element) -> String,
        oldPlace: (Element) -> Place, newPlace: (Element) -> Place
    ) {
        var newByName: [String: Element] = [:]
        for element in new { newByName[name(element)] = element }
        var unmatchedOld: [Element] = []
        var matchedNames = Set<String>()
        for element in old {
            if let partner = newByName[name(element)] {
                pairs.append((element, partner, false))
                matchedNames.insert(name(element))
            } else {
                unmatchedOld.append(element)
            }
        }
        var unmatchedNew = new.filter { !matchedNames.contains(name($0)) }
        for element in unmatchedOld {
            let candidates = unmatchedNew.indices.filter { newPlace(unmatchedNew[$0]) == oldPlace(element) }
            if candidates.count == 1 {
                pairs.append((element, unmatchedNew[candidates[0]], true))
                unmatchedNew.remove(at: candidates[0])
            } else {
                removed.append(element)
            }
        }
        added = unmatchedNew
    }
}
