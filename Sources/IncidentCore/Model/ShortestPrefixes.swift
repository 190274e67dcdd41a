/// Shortens ids for people: the shortest prefix that no other id shares, like git.
public enum ShortestPrefixes {
    /// The least number of characters shown, however few ids there are.
    public static let minimumLength = 6

    /// The shortest unique prefix (at least `minimumLength` characters) of every id.
    ///
    /// - Complexity: O(n log n) for n ids (a sort, then one pass over neighbours).
    public static func of<ID: HexIdentifier>(_ ids: [ID]) -> [ID: String] {
        let sorted = Array(Set(ids)).sorted()
        var prefixes: [ID: String] = [:]
        for (index, id) in sorted.enumerated() {
            var length = minimumLength
            if index > 0 { length = max(length, commonPrefixLength(id, sorted[index - 1]) + 1) }
            if index + 1 < sorted.count { length = max(length, commonPrefixLength(id, sorted[index + 1]) + 1) }
            prefixes[id] = String(id.rawValue.prefix(length))
        }
        return prefixes
    }

    private static func commonPrefixLength<ID: HexIdentifier>(_ a: ID, _ b: ID) -> Int {
        zip(a.rawValue.utf8, b.rawValue.utf8).prefix { $0 == $1 }.count
    }
}
