import IncidentStore
import IncidentSync

extension ApplyReport {
    /// `3 applied, 0 already held`, and what waits or conflicts, as `bundle apply` says it.
    var sentence: String {
        var parts = ["\(applied) applied", "\(duplicates) already held"]
        if deferred > 0 { parts.append("\(deferred) waiting for earlier ops") }
        if stampedAhead > 0 {
            parts.append(
                "\(stampedAhead) stamped over a day ahead of this machine's clock (shown as such; "
                    + "the writer's clock is wrong)")
        }
        if conflicts > 0 { parts.append("\(conflicts) left a conflict (see `incident show`)") }
        return parts.joined(separator: ", ")
    }
}

extension SyncReport {
    /// `received 3 new ops (0 already held), sent 1`, and what waits or was passed over, as
    /// `sync` says it for each remote.
    var sentence: String {
        var text = "received \(received.applied) new ops (\(received.duplicates) already held), sent \(sent)"
        if received.conflicts > 0 { text += ", \(received.conflicts) left a conflict: see `incident show`" }
        if received.deferred > 0 { text += ", \(received.deferred) wait for earlier ops" }
        if received.stampedAhead > 0 {
            text += ", \(received.stampedAhead) stamped over a day ahead of this machine's clock (shown as such)"
        }
        for (path, error) in skipped { text += "\nskipped \(path): \(error.description)" }
        return text
    }
}
