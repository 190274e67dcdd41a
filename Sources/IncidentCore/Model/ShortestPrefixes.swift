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
        let values = ids.map { Value($0) }
        let order = values.indices.sorted { values[$0] < values[$1] }
        let sortedLengths = lengths(ofSorted: order.map { values[$0] })
        var lengths = [Int](repeating: minimumLength, count: values.count)
        for (position, index) in order.enumerated() { lengths[index] = sortedLengths[position] }
        return lengths
    }

    /// The prefix lengths of ids already in order, each from its two neighbours.
    private static func lengths(ofSorted values: [Value]) -> [Int] {
        var lengths = [Int](repeating: minimumLength, count: values.count)
        for position in values.indices.dropFirst() {
            let needed = min(values[position - 1].sharedDigits(with: values[position]) + 1, 32)
            lengths[position - 1] = max(lengths[position - 1], needed)
            lengths[position] = max(lengths[position], needed)
        }
        return lengths
    }

    /// An id as a 128-bit number, ordered as its hex text is.
    public struct Value: Comparable, Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        /// The value of 16 bytes, most significant first.
        public init(_ bytes: UnsafeRawBufferPointer) {
            high = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
            low = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }

        /// The value of an id.
        public init<ID: HexIdentifier>(_ id: ID) {
            self = id.bytes.withUnsafeBytes { Value($0) }
        }

        public static func < (lhs: Value, rhs: Value) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }

        /// How many leading hex digits two values share.
        func sharedDigits(with other: Value) -> Int {
            high != other.high ? (high ^ other.high).leadingZeroBitCount / 4 : 16 + (low ^ other.low).leadingZeroBitCount / 4
        }
    }

    /// The shortest unique prefixes of a set of ids read in order (no sort), kept as
    /// 128-bit numbers rather than strings.
    public struct Table: Sendable {
        private let lengths: [Value: Int]

        /// The table of `sorted` (ascending, as an index gives them).
        public init(sorted: [Value]) {
            lengths = Dictionary(zip(sorted, ShortestPrefixes.lengths(ofSorted: sorted))) { first, _ in first }
        }

        /// The shortest unique prefix of `id` (the whole id when it is not in the table).
        public func prefix(of id: EntryID) -> String {
            guard let length = lengths[Value(id)] else { return id.rawValue }
            return String(decoding: id.rawValue.utf8.prefix(length), as: UTF8.self)
        }
    }
}
