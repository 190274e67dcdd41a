import GRDB
import IncidentCore

extension Replica {
    /// Clears the materialized state and replays the whole log into it, in one transaction.
    ///
    /// The state after must equal the state before: that is what "materialized from
    /// the log" means, and `materializedState()` lets a test (or `doctor`) compare.
    /// The ops are read out, and the log (`log`, and `timeline`, which holds the
    /// bodies of `entry.add` ops) is written anew as they are applied again in log
    /// order, so no op is seen before its turn.
    ///
    /// - Complexity: O(ops in the log); the ops are held in memory.
    public func rebuildMaterializedState() throws {
        try writer.write { db in
            try Self.replay(OperationLog(db: db, keys: Keys(db: db)).allOperations(), in: db)
        }
    }

    /// Empties the log and the materialized state and applies `operations` anew.
    static func replay(_ operations: [Operation], in db: Database) throws {
        for table in Schema.materializedTables + ["log", "timeline", "chains", "blanked_texts"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        try db.execute(
            sql: """
                UPDATE incident_state SET created = 0, started_at = 0, reported_by = 0, created_wall = 0,
                    created_counter = 0, created_replica = x'', title = '', severity = 3, status = 'reported',
                    lead = NULL, mitigation = NULL, solution = NULL, conflicts = 0;
                """)
        try apply(operations, in: db, wall: .max, replaying: true)  // held already: accepted once
    }

    /// Every materialized row, with the file's keys turned back into ids, as text in a
    /// fixed order: two replicas that hold the same ops have equal dumps.
    public func materializedState() throws -> [String] {
        try writer.read { db in try Self.materializedState(in: db) }
    }

    /// `materializedState()` inside a transaction the caller holds.
    static func materializedState(in db: Database) throws -> [String] {
        do {
            let keys = Keys(db: db)
            var lines: [String] = []
            let incidents = try SQLiteStatement(
                db,
                """
                SELECT key, created, started_at, reported_by, created_wall, created_counter, hex(created_replica),
                    title, severity, status, lead, mitigation, solution, conflicts
                FROM incident_state
                """)
            while try incidents.next() {
                var fields = try [keys.incidentID(incidents.int64(0)).rawValue]
                fields += try (Int32(1)...13).map { column in
                    if incidents.isNull(column) { return "NULL" }
                    if column == 3 { return incidents.int64(3) == 0 ? "-" : try keys.authorName(incidents.int64(3)) }
                    return incidents.text(column)
                }
                lines.append("incident " + fields.joined(separator: "|"))
            }
            let timeline = try SQLiteStatement(
                db,
                "SELECT incident, at, wall, counter, replica, seq, hex(entry), kind, author, text, flags FROM timeline")
            while try timeline.next() {
                let fields = [
                    try keys.incidentID(timeline.int64(0)).rawValue, timeline.text(1), timeline.text(2),
                    timeline.text(3), try keys.replicaID(timeline.int64(4)).rawValue, timeline.text(5),
                    timeline.text(6), timeline.text(7), try keys.authorName(timeline.int64(8)), timeline.text(9),
                    timeline.text(10),
                ]
                lines.append("timeline " + fields.joined(separator: "|"))
            }
            for table in ["heads", "overwritten"] {
                let rows = try SQLiteStatement(db, "SELECT incident, hex(entry), field, replica, seq FROM \(table)")
                while try rows.next() {
                    let fields = [
                        try keys.incidentID(rows.int64(0)).rawValue, rows.text(1), rows.text(2),
                        try keys.replicaID(rows.int64(3)).rawValue, rows.text(4),
                    ]
                    lines.append(table + " " + fields.joined(separator: "|"))
                }
            }
            lines += try Self.dumpRunbookTables(in: db, keys: keys)
            let redactions = try SQLiteStatement(db, "SELECT incident, hex(entry) FROM redactions")
            while try redactions.next() {
                lines.append("redaction \(try keys.incidentID(redactions.int64(0)).rawValue)|\(redactions.text(1))")
            }
            return lines.sorted()
        }
    }

    /// The rows of the runbook's tables, for `materializedState()`, keys turned into ids.
    private static func dumpRunbookTables(in db: Database, keys: Keys) throws -> [String] {
        var lines: [String] = []
        let tables: [(name: String, columns: String, author: Int32?)] = [
            ("items", "hex(item), list, hex(after), wall, counter, hex(replica), author", 7),
            ("item_values", "hex(item), field, value, wall, counter, hex(replica)", nil),
            ("removed_items", "hex(item)", nil),
            ("alarms", "name, silenced, until, author, wall, counter, hex(replica)", 4),
            ("writers", "author, (SELECT hex(id) FROM replica_keys WHERE key = writers.replica)", 1),
            ("postmortems", "field, value", nil),
        ]
        for table in tables {
            let rows = try SQLiteStatement(db, "SELECT incident, \(table.columns) FROM \(table.name)")
            let count = rows.columnCount
            while try rows.next() {
                var fields = [try keys.incidentID(rows.int64(0)).rawValue]
                for column in Int32(1)..<count {
                    if column == table.author {
                        fields.append(try keys.authorName(rows.int64(column)))
                    } else {
                        fields.append(rows.isNull(column) ? "NULL" : rows.text(column))
                    }
                }
                lines.append(table.name + " " + fields.joined(separator: "|"))
            }
        }
        return lines
    }
}
