/// A point of the hybrid logical clock: wall milliseconds, a counter, and the replica.
///
/// The three together are a total order over every operation ever made: wall time
/// first, the counter to order events within one millisecond or after the wall
/// clock went back, the replica id to break the last ties the same way everywhere.
///
/// Encoded as a fixed-width string (`wall.counter.replica`, in hexadecimal) whose
/// byte order is the clock order, so SQLite can sort and take `max()` of it.
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01 UTC.
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
        padded(String(wall, radix: 16), 12) + "." + padded(String(counter, radix: 16), 8) + "."
            + replica.rawValue
    }

    /// Parses the fixed-width form written by `description`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 12, parts[1].utf8.count == 8,
            let wall = Int64(parts[0], radix: 16), wall >= 0,
            let counter = UInt32(parts[1], radix: 16),
            let replica = ReplicaID(rawValue: String(parts[2]))
        else { return nil }
        self.init(wall: wall, counter: counter, replica: replica)
    }
}

private func padded(_ text: String, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - text.count)) + text
}
