/// The hybrid logical clock of one replica.
///
/// Every timestamp it issues is greater than every timestamp it issued or observed
/// before, so an operation made after seeing another always sorts after it, even
/// when the local wall clock jumped back or a remote one runs far ahead. While the
/// wall clock is ahead of everything seen, timestamps are plain wall time.
///
/// The state is only the greatest timestamp seen; the store derives it from its
/// operation log (`max(hlc)`), so nothing extra has to survive a crash.
///
/// **Ops from the future.** A peer's clock can be wrong, or forged: an op stamped years
/// ahead, once observed, would stamp every later local op after it, and spread to every
/// replica that syncs. So a replica's clock observes an op only when its wall time is at
/// most `maximumLead` ahead of the replica's own wall clock. A later op is applied and
/// shown all the same, marked as stamped ahead, in its place in the order: nothing
/// waits for the clock. Registers stay right whatever the clocks, since a set names
/// the writes it overwrites.
///
/// The arithmetic is total: past the greatest counter the wall part moves on by a
/// millisecond, and a clock at the greatest timestamp the format can write refuses to
/// tick (`CoreError.clockExhausted`) rather than trap or wrap.
public struct HybridLogicalClock: Sendable {
    /// How far ahead of a replica's wall clock an op it applies may be: one day, a wide
    /// margin for a machine whose clock is off by its time zone.
    public static let maximumLead: Int64 = 86_400_000

    /// The replica whose timestamps this clock issues.
    public let replica: ReplicaID
    /// The greatest timestamp issued or observed so far, if any.
    public private(set) var latest: HybridTimestamp?

    public init(replica: ReplicaID, latest: HybridTimestamp? = nil) {
        self.replica = replica
        self.latest = latest
    }

    /// Issues the next timestamp, given the wall clock in milliseconds.
    ///
    /// - Throws: `CoreError.clockExhausted` when the greatest timestamp seen is the
    ///   greatest the format can write.
    public mutating func tick(wall now: Int64) throws -> HybridTimestamp {
        let now = min(max(now, 0), HybridTimestamp.maximumWall)
        let next: HybridTimestamp
        if let latest, latest.wall >= now {
            if latest.counter < .max {
                next = HybridTimestamp(wall: latest.wall, counter: latest.counter + 1, replica: replica)
            } else if latest.wall < HybridTimestamp.maximumWall {
                next = HybridTimestamp(wall: latest.wall + 1, counter: 0, replica: replica)
            } else {
                throw CoreError.clockExhausted
            }
        } else {
            next = HybridTimestamp(wall: now, counter: 0, replica: replica)
        }
        latest = next
        return next
    }

    /// The greatest wall time of an op that the clock of a replica whose wall clock reads
    /// `now` observes.
    public static func horizon(at now: Int64) -> Int64 {
        now > Int64.max - maximumLead ? .max : now + maximumLead
    }

    /// Takes a timestamp made elsewhere into account: later ticks sort after it.
    public mutating func observe(_ remote: HybridTimestamp) {
        if let latest, latest >= remote { return }
        latest = remote
    }
}
