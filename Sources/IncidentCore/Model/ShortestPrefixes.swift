/// Shortens ids for people: the shortest prefix that no other id shares, like git.
public enum ShortestPrefixes {
    /// The least number of characters shown, however few ids there are.
    public static let minimumLength = 6

    /// An id as a 128-bit number, ordered as its hex text is.
    public struct Value: Comparable, Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        /// The value of 16 bytes, most significant first.
        public init(_ bytes: UnsafeRawBufferPointer) {
            high = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
            low = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }

        /// The value of 32 lowercase hex digits (an id's text).
        init(hex: String) {
            var digits = hex
            (high, low) = digits.withUTF8 { utf8 in
                var halves: (UInt64, UInt64) = (0, 0)
                for (index, digit) in utf8.prefix(32).enumerated() {
                    let nibble = UInt64(
                        digit <= UInt8(ascii: "9") ? digit &- UInt8(ascii: "0") : digit &- UInt8(ascii: "a") &+ 10)
                    if index < 16 { halves.0 = halves.0 << 4 | nibble } else { halves.1 = halves.1 << 4 | nibble }
                }
                return halves
            }
        }

        public static func < (lhs: Value, rhs: Value) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }

        /// How many leading hex digits two values share.
        func sharedDigits(with other: Value) -> Int {
            high != other.high
                ? (high ^ other.high).leadingZeroBitCount / 4 : 16 + (low ^ other.low).leadingZeroBitCount / 4
        }
    }

    /// The shortest unique prefixes (at least `minimumLength` characters) of a set of
    /// ids, kept as 128-bit numbers rather than strings.
    ///
    /// - Complexity: O(n) from ids already in order (as an index gives them), O(n log n)
    ///   otherwise; a look-up is one hash.
    public struct Table: Sendable {
        /// The ids that need more than `minimumLength` digits: few, for random ids (two
        /// of 100,000 share six digits about 300 times), so the table stays small.
        private let longer: [Value: Int]

        /// The table of `sorted` (ascending): each length comes from its two neighbours.
        public init(sorted: [Value]) {
            var lengths = [Int](repeating: minimumLength, count: sorted.count)
            for position in sorted.indices.dropFirst() {
                let needed = min(sorted[position - 1].sharedDigits(with: sorted[position]) + 1, 32)
                lengths[position - 1] = max(lengths[position - 1], needed)
                lengths[position] = max(lengths[position], needed)
            }
            var longer: [Value: Int] = [:]
            for (value, length) in zip(sorted, lengths) where length > minimumLength { longer[value] = length }
            self.longer = longer
        }

        /// The table of ids in any order.
        public init(ids: [String]) {
            self.init(sorted: ids.map(Value.init(hex:)).sorted())
        }

        /// The shortest unique prefix of the id whose text is `hex` (an id not in the
        /// table gets the shortest prefix it would get alone).
        public func prefix(ofHex hex: String) -> String {
            let length = longer.isEmpty ? minimumLength : longer[Value(hex: hex)] ?? minimumLength
            return String(decoding: hex.utf8.prefix(length), as: UTF8.self)
        }
    }
}
