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

    public init() {}

    /// Adds the counts of a later batch; `deferred` is the later batch's (what still waits).
    public mutating func add(_ later: ApplyReport) {
        applied += later.applied
        duplicates += later.duplicates
        conflicts += later.conflicts
        redactions += later.redactions
        stampedAhead += later.stampedAhead
        deferred = later.deferred
    }
}
