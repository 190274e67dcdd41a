import GRDB
import IncidentCore

/// The operation log as the first schema (`v1`) kept it: text keys, text clocks,
/// and a body column of canonical JSON, in `ops` and `pending_ops`.
///
/// Read once, by the `v3-compact` migration, which replays every op into the
/// compact tables and then drops the old ones: the state is rebuilt from the log,
/// so nothing the old tables derived needs converting.
enum LegacyLog {
    /// Moves the first schema's tables out of the way of the compact ones (only
    /// `redactions` shares a name).
    static func prepare(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE redactions RENAME TO v1_redactions")
    }

    /// Replays the ops of `ops` and `pending_ops` into the compact tables, in batches
    /// and in log order, then drops the first schema's tables.
    static func moveToCompactTables(_ db: Database) throws {
        for table in ["ops", "pending_ops"] {
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY replica, seq")
            var batch: [Operation] = []
            while let row = try rows.next() {
                batch.append(try operation(from: row))
                if batch.count == 2000 {
                    try Replica.apply(batch, in: db, wall: .max)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try Replica.apply(batch, in: db, wall: .max)
        }
        for table in [
            "ops", "pending_ops", "version_vector", "incidents", "register_heads", "register_overwritten", "entries",
            "v1_redactions",
        ] {
            try db.execute(sql: "DROP TABLE \(table)")
        }
    }

    /// Reads an op back from a row of the first schema's `ops` or `pending_ops`.
    private static func operation(from row: Row) throws -> Operation {
        guard let replica = ReplicaID(rawValue: row["replica"]), let hlc = HybridTimestamp(row["hlc"]),
            let incident = IncidentID(rawValue: row["incident"]), let kind = OperationKind(rawValue: row["kind"])
        else { throw CoreError.malformedOperation("unreadable row in the first schema's operation log") }
        return Operation(
            id: OperationID(replica: replica, seq: row["seq"]), hlc: hlc, author: row["author"], incident: incident,
            payload: try OperationCoding.decodeBody(row["body"], kind: kind))
    }
}
