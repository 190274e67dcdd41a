/// Shortens ids for people: the shortest prefix that no other id shares, like git.
public enum ShortestPrefixes {
    /// The least number of characters shown, however few ids there are.
    public static let minimumLength = 6

    /// The shortest unique prefix (at least `minimumLength` characters) of every id.
    ///
    /// - Complexity: O(n log n) for n ids (a sort of 128-bit values, then one pass over neighbours).
    public static func of<ID: HexIdentifier>(_ ids: [ID]) -> [ID: String] {
        var prefixes: [ID: String] = [:]
        prefixes.reserveCapacity(ids.count)
        for (id, length) in zip(ids, lengths(of: ids)) {
            prefixes[id] = String(decoding: id.rawValue.utf8.prefix(length), as: UTF8.self)
        }
        return prefixes
    }

    /// The length of the shortest unique prefix of each id, in the order given.
    public static func lengths<ID: HexIdentifier>(of ids: [ID]) -> [Int] {
        lengths(ofValues: ids.map { id in
            let bytes = id.bytes
            return bytes.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self).bigEndian, $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian) }
        })
    }

    private static func lengths(ofValues values: [(UInt64, UInt64)]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var lengths = [Int](repeating: minimumLength, count: values.count)
        for position in order.indices.dropFirst() {
            let (a, b) = (values[order[position - 1]], values[order[position]])
            let shared = a.0 != b.0 ? (a.0 ^ b.0).leadingZeroBitCount / 4 : 16 + (a.1 ^ b.1).leadingZeroBitCount / 4
            let needed = min(shared + 1, 32)
            lengths[order[position - 1]] = max(lengths[order[position - 1]], needed)
            lengths[order[position]] = max(lengths[order[position]], needed)
        }
        return lengths
    }
}
