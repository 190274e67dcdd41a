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
        let values = ids.map { Value($0.bytes) }
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
    public struct Value: Comparable, Sendable {
        let high: UInt64
        let low: UInt64

        /// The value of 16 bytes, most significant first.
        public init(_ bytes: some Collection<UInt8>) {
            var high: UInt64 = 0
            var low: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
            }
            self.high = high
            self.low = low
        }

        public static func < (lhs: Value, rhs: Value) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }

        /// How many leading hex digits two values share.
        func sharedDigits(with other: Value) -> Int {
            high != other.high ? (high ^ other.high).leadingZeroBitCount / 4 : 16 + (low ^ other.low).leadingZeroBitCount / 4
        }
    }

    /// The shortest unique prefixes of a set of ids read in order: look one up by
    /// id in O(log n), with no dictionary of n strings.
    public struct Table: Sendable {
        private let values: [Value]
        private let lengths: [Int]

        /// The table of `sorted` (ascending, as an index gives them).
        public init(sorted: [Value]) {
            values = sorted
            lengths = ShortestPrefixes.lengths(ofSorted: sorted)
        }

        /// The shortest unique prefix of `id` (the whole id when it is not in the table).
        public func prefix<ID: HexIdentifier>(of id: ID) -> String {
            let value = Value(id.bytes)
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] < value { low = middle + 1 } else { high = middle }
            }
            guard low < values.count, values[low] == value else { return id.rawValue }
            return String(decoding: id.rawValue.utf8.prefix(lengths[low]), as: UTF8.self)
        }
    }
}
