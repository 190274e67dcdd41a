import IncidentCore

/// What applying a batch of ops did, as counts (the command line words them).
public struct ApplyReport: Hashable, Sendable {
    /// Ops new to this replica, now part of its state.
    public var applied = 0
    /// Ops already held: nothing to do.
    public var duplicates = 0
    /// Ops kept aside, after this batch, until the earlier ops of their replica arrive.
    public var deferred = 0
    /// Applied ops stamped more than a day ahead of this machine's clock
    /// (`HybridLogicalClock.maximumLead`): shown as such; the clock did not follow them.
    public var stampedAhead = 0
    /// Applied ops that left a field or entry with concurrent, different values.
    public var conflicts = 0
    /// Applied redactions (after any, the replica checkpoints its write-ahead log).
    public var redactions = 0
    /// Ops moved to another id (`HistoryMove`): a copied replica file made them under seqs
    /// at which the other copy made others first, which keep the id, here and everywhere.
    public var moved = 0
    /// The replicas whose copies' histories differ, found in this batch.
    public var diverging: Set<ReplicaID> = []
    /// The replicas whose ops in this batch were left out: sealed by the replica's own key
    /// over another history than the one held (changed on the way, or written by a copy of
    /// its file after a split the batch does not reach). Also in `diverging`.
    public var otherHistories: Set<ReplicaID> = []
    /// Set when this replica found it was a copy of another and healed itself.
    public var healed: Healing?
    /// Ops this batch brought that change the team's roster (`TeamRoster`): applied, or
    /// held waiting (the roster's fold reads both).
    public var rosterChanges = 0
    /// Set when this replica joined a team in this batch: the team's founder.
    public var joined: ReplicaID?
    /// Ops held before that the roster no longer lets apply (a removal reached this
    /// replica after them, or it joined a team that never admitted their writer): they
    /// wait now, kept, and the state was rebuilt without them.
    public var takenBack = 0
    /// After this batch, the replicas whose ops wait for the roster to let them apply
    /// (not in `deferred`, which counts the ops waiting for earlier ones).
    public var waiting: [WaitingReplica] = []

    public init() {}

    /// Adds the counts of a later batch; `deferred` is the later batch's (what still waits).
    public mutating func add(_ later: ApplyReport) {
        applied += later.applied
        duplicates += later.duplicates
        conflicts += later.conflicts
        redactions += later.redactions
        stampedAhead += later.stampedAhead
        moved += later.moved
        diverging.formUnion(later.diverging)
        otherHistories.formUnion(later.otherHistories)
        deferred = later.deferred
        healed = later.healed ?? healed
        rosterChanges += later.rosterChanges
        joined = later.joined ?? joined
        takenBack += later.takenBack
        waiting = later.waiting
    }
}

/// What a replica did on finding it was a copy of another (a restored backup, a cloned
/// machine): two different ops under its id and one seq. It took the other's ops under
/// the old id (they are its own, lost by the copy) and made the ops it wrote since the
/// split again under a new id of its own, in the same transaction: nothing is lost.
public struct Healing: Hashable, Sendable {
    /// The id both copies had.
    public var old: ReplicaID
    /// This replica's id from now on.
    public var new: ReplicaID
    /// The first seq at which the copies differ.
    public var from: Int64
    /// How many of this replica's ops were made again under the new id.
    public var remade: Int

    /// The local setting that keeps the last healing (`OLD NEW FROM WALL`), for `doctor`.
    public static let settingKey = "healed"
}
