import GRDB
import IncidentCore

extension Replica {
    /// The open incidents whose update is overdue at `now` by the runbook's cadence,
    /// the most overdue first.
    ///
    /// - Complexity: one row per open incident, and one seek into its timeline.
    public func overdueUpdates(at now: Int64) throws -> [UpdateCadence] {
        try updateCadences(of: incidents()).filter { $0.overdue(at: now) != nil }.sorted {
            ($0.dueAt, $0.incident.id) < ($1.dueAt, $1.incident.id)
        }
    }

    /// Each of `open` (in its order) with the event time of its last `update` entry.
    public func updateCadences(of open: [Incident]) throws -> [UpdateCadence] {
        try writer.read { db in
            let keys = Keys(db: db)
            let last = try SQLiteStatement(db, "SELECT max(at) FROM timeline WHERE incident = ? AND kind = ?")
            var cadences: [UpdateCadence] = []
            for incident in open {
                guard let key = try keys.existingIncident(incident.id) else { continue }
                last.bind(key, StoredCodes.code(of: EntryKind.update))
                _ = try last.next()
                cadences.append(UpdateCadence(incident: incident, lastUpdate: last.isNull(0) ? nil : last.int64(0)))
                last.finish()
            }
            return cadences
        }
    }
}
