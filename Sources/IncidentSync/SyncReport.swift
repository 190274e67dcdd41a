import IncidentStore

/// What one sync did, for the line `incident sync` prints.
public struct SyncReport: Sendable, CustomStringConvertible {
    /// What applying the ops received did.
    public var received = ApplyReport()
    /// Ops this replica sent (or wrote to the folder).
    public var sent = 0
    /// Things passed over, with why (a segment still being copied in, say).
    public var skipped: [String] = []

    public init() {}

    public var description: String {
        var text = "received \(received.applied) new ops (\(received.duplicates) already held), sent \(sent)"
        if received.conflicts > 0 { text += ", \(received.conflicts) left a conflict: see `incident show`" }
        if received.deferred > 0 { text += ", \(received.deferred) wait for earlier ops" }
        for note in skipped { text += "\nskipped \(note)" }
        return text
    }
}
