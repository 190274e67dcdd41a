/// The hybrid logical clock of one replica.
///
/// Every timestamp it issues is greater than every timestamp it issued or observed
/// before, so an operation made after seeing another always sorts after it, even
/// when the local wall clock jumped back or a remote one runs far ahead. While the
/// wall clock is ahead of everything seen, timestamps are plain wall time.
///
/// The state is only the greatest timestamp seen; the store derives it from its
/// operation log (`max(hlc)`), so nothing extra has to survive a crash.
public struct HybridLogicalClock: Sendable {
    /// The replica whose timestamps this clock issues.
    public let replica: ReplicaID
    /// The greatest timestamp issued or observed so far, if any.
    public private(set) var latest: HybridTimestamp?

    public init(replica: ReplicaID, latest: HybridTimestamp? = nil) {
        self.replica = replica
        self.latest = latest
    }

    /// Issues the next timestamp, given the wall clock in milliseconds.
    public mutating func tick(wall now: Int64) -> HybridTimestamp {
        let next: HybridTimestamp
        if let latest, latest.wall >= now {
            next = HybridTimestamp(wall: latest.wall, counter: latest.counter + 1, replica: replica)
        } else {
            next = HybridTimestamp(wall: now, counter: 0, replica: replica)
        }
        latest = next
        return next
    }

    /// Takes a timestamp made elsewhere into account: later ticks sort after it.
    public mutating func observe(_ remote: HybridTimestamp) {
        if let latest, latest >= remote { return }
        latest = remote
    }
}
