import IncidentStore

/// What one sync did, as counts (the command line words them).
public struct SyncReport: Sendable {
    /// What applying the ops received did.
    public var received = ApplyReport()
    /// Ops this replica sent (or wrote to the folder).
    public var sent = 0
    /// Segments passed over, each with why (one still being copied in, say): read next time.
    public var skipped: [(path: String, error: SyncError)] = []

    public init() {}
}
