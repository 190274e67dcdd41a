import GRDB
import IncidentCore

/// Updates the materialized tables for one op just appended to the log.
///
/// Every step is order-independent: a set may arrive before the write it
/// overwrites, an edit or redaction before its entry, a field before its
/// incident; each lands in the register or tombstone tables and shows once the
/// thing it belongs to exists.
struct Materializer {
    let db: Database

    /// Applies `operation` (as stored) to the materialized state.
    ///
    /// - Complexity: a handful of indexed statements, plus one per overwritten write.
    func apply(_ operation: Operation) throws {
        switch operation.payload {
        case .createIncident(let body):
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO incidents (id, started_at, created_hlc, reported_by) VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: [
                operation.incident.rawValue, body.at, operation.hlc.description, operation.author,
            ])
            for (field, value) in body.initialFields {
                try write(field.rawValue, of: operation, value: value, overwriting: [])
            }
            for field in IncidentField.allCases { try refresh(field, of: operation.incident) }
        case .setField(let body):
            try write(body.field.rawValue, of: operation, value: body.value, overwriting: body.overwrites)
            try refresh(body.field, of: operation.incident)
        case .addEntry(let body):
            try write(Self.textField, of: operation, entry: body.entry, value: body.text, overwriting: [])
            try db.cachedStatement(
                sql: """
                    INSERT INTO entries (incident, id, at, hlc, author, kind) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (incident, id) DO UPDATE SET
                        at = excluded.at, hlc = excluded.hlc, author = excluded.author, kind = excluded.kind
                    WHERE excluded.hlc < entries.hlc
                    """
            ).execute(arguments: [
                operation.incident.rawValue, body.entry.rawValue, body.at, operation.hlc.description,
                operation.author, body.kind.rawValue,
            ])
            try refreshEntry(body.entry, of: operation.incident)
        case .editEntry(let body):
            try write(Self.textField, of: operation, entry: body.entry, value: body.text, overwriting: body.overwrites)
            try refreshEntry(body.entry, of: operation.incident)
        case .redactEntry(let body):
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO redactions (incident, entry) VALUES (?, ?)")
                .execute(arguments: [operation.incident.rawValue, body.entry.rawValue])
            try OperationLog(db: db).blankText(of: body.entry, in: operation.incident)
            try db.cachedStatement(
                sql: "UPDATE register_heads SET value = '' WHERE incident = ? AND entry = ? AND field = ?"
            ).execute(arguments: [operation.incident.rawValue, body.entry.rawValue, Self.textField])
            try refreshEntry(body.entry, of: operation.incident)
        }
    }

    /// Whether the register `operation` wrote now has heads with different values.
    func leavesConflict(_ operation: Operation) throws -> Bool {
        let registers: [(entry: String, field: String)]
        switch operation.payload {
        case .createIncident(let body): registers = body.initialFields.map { ("", $0.0.rawValue) }
        case .setField(let body): registers = [("", body.field.rawValue)]
        case .addEntry(let body): registers = [(body.entry.rawValue, Self.textField)]
        case .editEntry(let body): registers = [(body.entry.rawValue, Self.textField)]
        case .redactEntry: registers = []
        }
        for register in registers {
            let conflicted = try Bool.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT count(DISTINCT value) > 1 FROM register_heads
                        WHERE incident = ? AND entry = ? AND field = ?
                        """),
                arguments: [operation.incident.rawValue, register.entry, register.field])
            if conflicted == true { return true }
        }
        return false
    }

    /// The register name of a timeline entry's text.
    static let textField = "text"

    /// The heads of one register.
    func heads(_ field: String, of incident: IncidentID, entry: EntryID? = nil) throws -> RegisterHeads {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT op_replica, op_seq, hlc, author, value FROM register_heads
                    WHERE incident = ? AND entry = ? AND field = ?
                    """),
            arguments: [incident.rawValue, entry?.rawValue ?? "", field])
        return RegisterHeads(try rows.map(Self.registerWrite(from:)))
    }

    /// Reads a write back from a `register_heads` row (columns by name).
    static func registerWrite(from row: Row) throws -> RegisterWrite {
        guard let replica = ReplicaID(rawValue: row["op_replica"]), let hlc = HybridTimestamp(row["hlc"]) else {
            throw CoreError.malformedOperation("unreadable register row")
        }
        return RegisterWrite(
            operation: OperationID(replica: replica, seq: row["op_seq"]), hlc: hlc, author: row["author"],
            value: row["value"])
    }

    /// Records a write: what it overwrites leaves the heads, and it joins them
    /// unless a write that arrived earlier already overwrote it.
    private func write(
        _ field: String, of operation: Operation, entry: EntryID? = nil, value: String, overwriting: [OperationID]
    ) throws {
        let incident = operation.incident.rawValue
        let entryKey = entry?.rawValue ?? ""
        for overwritten in overwriting {
            let key: StatementArguments = [incident, entryKey, field, overwritten.replica.rawValue, overwritten.seq]
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO register_overwritten (incident, entry, field, op_replica, op_seq)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: key)
            try db.cachedStatement(
                sql: """
                    DELETE FROM register_heads
                    WHERE incident = ? AND entry = ? AND field = ? AND op_replica = ? AND op_seq = ?
                    """
            ).execute(arguments: key)
        }
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO register_heads (incident, entry, field, op_replica, op_seq, hlc, author, value)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?
                WHERE NOT EXISTS (
                    SELECT 1 FROM register_overwritten
                    WHERE incident = ?1 AND entry = ?2 AND field = ?3 AND op_replica = ?4 AND op_seq = ?5)
                """
        ).execute(arguments: [
            incident, entryKey, field, operation.id.replica.rawValue, operation.id.seq, operation.hlc.description,
            operation.author, value,
        ])
    }

    /// Copies a field's current value (the head with the latest clock) into the incident row.
    private func refresh(_ field: IncidentField, of incident: IncidentID) throws {
        let value: String
        switch field {
        case .severity: value = "CAST(winner AS INTEGER)"
        case .lead, .mitigation, .solution: value = "NULLIF(winner, '')"
        case .title, .status: value = "winner"
        }
        // The column name is the field's raw value, from a closed enum.
        try db.cachedStatement(
            sql: """
                UPDATE incidents SET \(field.rawValue) = coalesce((
                    SELECT \(value) FROM (
                        SELECT value AS winner FROM register_heads
                        WHERE incident = ?1 AND entry = '' AND field = ?2 ORDER BY hlc DESC LIMIT 1)
                ), \(field.rawValue))
                WHERE id = ?1
                """
        ).execute(arguments: [incident.rawValue, field.rawValue])
    }

    /// Copies an entry's current text (blank when redacted) into its row, if it exists.
    private func refreshEntry(_ entry: EntryID, of incident: IncidentID) throws {
        try db.cachedStatement(
            sql: """
                UPDATE entries SET
                    redacted = EXISTS (SELECT 1 FROM redactions WHERE incident = ?1 AND entry = ?2),
                    text = CASE WHEN EXISTS (SELECT 1 FROM redactions WHERE incident = ?1 AND entry = ?2) THEN ''
                        ELSE coalesce((
                            SELECT value FROM register_heads WHERE incident = ?1 AND entry = ?2 AND field = ?3
                            ORDER BY hlc DESC LIMIT 1), '') END
                WHERE incident = ?1 AND id = ?2
                """
        ).execute(arguments: [incident.rawValue, entry.rawValue, Self.textField])
    }
}
