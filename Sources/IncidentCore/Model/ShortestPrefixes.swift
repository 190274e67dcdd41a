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
                func half(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
                    var value: UInt64 = 0
                    for digit in digits {
                        let nibble =
                            digit <= UInt8(ascii: "9") ? digit &- UInt8(ascii: "0") : digit &- UInt8(ascii: "a") &+ 10
                        value = value << 4 | UInt64(nibble)
                    }
                    return value
                }
                let middle = min(16, utf8.count)
                return (half(utf8[..<middle]), half(utf8[middle..<min(32, utf8.count)]))
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
    ///   otherwise; a look-up is a binary search of the few ids that need more digits.
    public struct Table: Sendable {
        /// The ids that need more than `minimumLength` digits, ascending, and how many
        /// each needs: few, for random ids (two of 100,000 share six digits about 300
        /// times), so the table stays small.
        private let longer: [(value: Value, length: Int)]

        /// The table of `sorted` (ascending): each length comes from its two neighbours.
        public init(sorted: [Value]) {
            var lengths = [Int](repeating: minimumLength, count: sorted.count)
            for position in sorted.indices.dropFirst() {
                let needed = min(sorted[position - 1].sharedDigits(with: sorted[position]) + 1, 32)
                lengths[position - 1] = max(lengths[position - 1], needed)
                lengths[position] = max(lengths[position], needed)
            }
            longer = zip(sorted, lengths).filter { $0.1 > minimumLength }.map { ($0.0, $0.1) }
        }

        /// The table of ids in any order.
        public init(ids: [String]) {
            self.init(sorted: ids.map(Value.init(hex:)).sorted())
        }

        /// The shortest unique prefix of the id whose text is `hex` (an id not in the
        /// table gets the shortest prefix it would get alone).
        public func prefix(ofHex hex: String) -> String {
            String(decoding: hex.utf8.prefix(length(ofHex: hex)), as: UTF8.self)
        }

        /// How many characters of the id whose text is `hex` its shortest unique prefix takes.
        public func length(ofHex hex: String) -> Int {
            guard !longer.isEmpty else { return minimumLength }
            let value = Value(hex: hex)
            var low = 0
            var high = longer.count
            while low < high {
                let middle = (low + high) / 2
                if longer[middle].value < value { low = middle + 1 } else { high = middle }
            }
            return low < longer.count && longer[low].value == value ? longer[low].length : minimumLength
        }
    }
}
