import IncidentStore

/// What one sync did, as counts (the command line words them).
public struct SyncReport: Sendable {
    /// What applying the ops received did.
    public var received = ApplyReport()
    /// Ops this replica sent (or wrote to the folder).
    public var sent = 0
    /// Things passed over, with why (a segment still being copied in, say).
    public var skipped: [String] = []

    public init() {}
}
