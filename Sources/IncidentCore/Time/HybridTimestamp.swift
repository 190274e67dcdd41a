/// A point of the hybrid logical clock: wall milliseconds, a counter, and the replica.
///
/// The three together are a total order over every operation ever made: wall time
/// first, the counter to order events within one millisecond or after the wall
/// clock went back, the replica id to break the last ties the same way everywhere.
///
/// Encoded as a fixed-width string (`wall.counter.replica`, in hexadecimal) whose
/// byte order is the clock order, so SQLite can sort and take `max()` of it.
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The greatest wall time the format writes: 12 hex digits, in the year 10889.
    public static let maximumWall: Int64 = 0xffff_ffff_ffff

    /// Milliseconds since 1970-01-01 UTC, at most `maximumWall`.
    public var wall: Int64
    public var counter: UInt32
    public var replica: ReplicaID

    public init(wall: Int64, counter: UInt32, replica: ReplicaID) {
        self.wall = wall
        self.counter = counter
        self.replica = replica
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.wall, lhs.counter, lhs.replica) < (rhs.wall, rhs.counter, rhs.replica)
    }

    /// `wall` as 12 hex digits, `counter` as 8, then the replica id.
    public var description: String {
        HexDigits.string(of: UInt64(clamping: wall), width: 12) + "."
            + HexDigits.string(of: UInt64(counter), width: 8) + "." + replica.rawValue
    }

    /// Parses the fixed-width form written by `description`.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ HybridTimestamp(utf8: $0, replica: nil) }) else { return nil }
        self = parsed
    }

    /// Parses the fixed-width form from its UTF-8 bytes; when `replica` is given, the
    /// replica part must be it (and no new id text is made).
    init?(utf8: UnsafeBufferPointer<UInt8>, replica known: ReplicaID?) {
        guard utf8.count == 12 + 1 + 8 + 1 + ReplicaID.length, utf8[12] == UInt8(ascii: "."),
            utf8[21] == UInt8(ascii: "."), let wall = hexValue(utf8[0..<12]), let counter = hexValue(utf8[13..<21])
        else { return nil }
        let replicaPart = UnsafeBufferPointer(rebasing: utf8[22...])
        let replica: ReplicaID
        if let known {
            var knownText = known.rawValue
            guard knownText.withUTF8({ $0.elementsEqual(replicaPart) }) else { return nil }
            replica = known
        } else {
            guard let parsed = ReplicaID(rawValue: String(decoding: replicaPart, as: UTF8.self)) else { return nil }
            replica = parsed
        }
        self.init(wall: Int64(wall), counter: UInt32(counter), replica: replica)
    }
}

/// The value of lowercase or uppercase hex digits (at most 15 of them), or `nil`.
private func hexValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
    var value: UInt64 = 0
    for digit in digits {
        let nibble: UInt8
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt64(nibble)
    }
    return value
}
