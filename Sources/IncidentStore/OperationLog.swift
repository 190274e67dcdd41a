import GRDB
import IncidentCore

/// The append-only operation log inside one transaction: ops held, ops waiting
/// for a gap to fill, and the version vector.
struct OperationLog {
    let db: Database

    /// The highest contiguous seq held of `replica` (0 when none).
    func heldSeq(of replica: ReplicaID) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT seq FROM version_vector WHERE replica = ?"),
            arguments: [replica.rawValue]) ?? 0
    }

    /// Every replica's highest contiguous seq held.
    func versionVector() throws -> VersionVector {
        var vector = VersionVector()
        for row in try Row.fetchAll(db, sql: "SELECT replica, seq FROM version_vector") {
            if let replica = ReplicaID(rawValue: row[0]) { vector[replica] = row[1] }
        }
        return vector
    }

    /// The greatest clock value in the log: the state of this replica's clock.
    func latestTimestamp() throws -> HybridTimestamp? {
        try String.fetchOne(db, sql: "SELECT max(hlc) FROM ops").flatMap(HybridTimestamp.init)
    }

    /// The clock value of the op held under `id`, if held.
    func timestamp(of id: OperationID) throws -> HybridTimestamp? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT hlc FROM ops WHERE replica = ? AND seq = ?"),
            arguments: [id.replica.rawValue, id.seq]
        ).flatMap(HybridTimestamp.init)
    }

    /// Whether entry `entry` of `incident` was redacted (its text must be stored blank).
    func isRedacted(_ entry: EntryID, of incident: IncidentID) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM redactions WHERE incident = ? AND entry = ?"),
            arguments: [incident.rawValue, entry.rawValue]) ?? false
    }

    /// Appends the next op of its replica, blanking its text if the entry is redacted.
    ///
    /// - Returns: the op as stored.
    /// - Precondition: `operation.id.seq` is the held seq of its replica plus one.
    func append(_ operation: Operation) throws -> Operation {
        var stored = operation
        if let entry = operation.payload.entry, try isRedacted(entry, of: operation.incident) {
            stored.payload = operation.payload.redacted()
        }
        try insert(stored, into: "ops")
        try db.cachedStatement(
            sql: """
                INSERT INTO version_vector (replica, seq) VALUES (?, ?)
                ON CONFLICT (replica) DO UPDATE SET seq = excluded.seq
                """
        ).execute(arguments: [stored.id.replica.rawValue, stored.id.seq])
        return stored
    }

    /// Keeps an op that arrived before earlier ops of its replica.
    func hold(_ operation: Operation) throws {
        try insert(operation, into: "pending_ops", orIgnore: true)
    }

    /// Takes the held op that follows `id` out of the pending table, if it is there.
    func takePending(after id: OperationID) throws -> Operation? {
        let arguments: StatementArguments = [id.replica.rawValue, id.seq + 1]
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM pending_ops WHERE replica = ? AND seq = ?"),
                arguments: arguments)
        else { return nil }
        try db.cachedStatement(sql: "DELETE FROM pending_ops WHERE replica = ? AND seq = ?")
            .execute(arguments: arguments)
        return try Self.operation(from: row)
    }

    /// Every op held, in log order (replica, then seq).
    func allOperations() throws -> [Operation] {
        try Row.fetchAll(db, sql: "SELECT * FROM ops ORDER BY replica, seq").map(Self.operation(from:))
    }

    /// Rewrites the stored ops of a redacted entry with their text blanked.
    func blankText(of entry: EntryID, in incident: IncidentID) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM ops WHERE incident = ? AND entry = ? AND kind IN (?, ?)",
            arguments: [
                incident.rawValue, entry.rawValue, OperationKind.addEntry.rawValue, OperationKind.editEntry.rawValue,
            ])
        for row in rows {
            let operation = try Self.operation(from: row)
            try db.execute(
                sql: "UPDATE ops SET body = ? WHERE replica = ? AND seq = ?",
                arguments: [
                    OperationCoding.encodeBody(operation.payload.redacted()), operation.id.replica.rawValue,
                    operation.id.seq,
                ])
        }
    }

    private func insert(_ operation: Operation, into table: String, orIgnore: Bool = false) throws {
        try db.cachedStatement(
            sql: """
                INSERT \(orIgnore ? "OR IGNORE" : "") INTO \(table)
                (replica, seq, hlc, author, incident, kind, entry, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            operation.id.replica.rawValue, operation.id.seq, operation.hlc.description, operation.author,
            operation.incident.rawValue, operation.kind.rawValue, operation.payload.entry?.rawValue,
            OperationCoding.encodeBody(operation.payload),
        ])
    }

    /// Reads an op back from a row of `ops` or `pending_ops`.
    static func operation(from row: Row) throws -> Operation {
        guard let replica = ReplicaID(rawValue: row["replica"]), let hlc = HybridTimestamp(row["hlc"]),
            let incident = IncidentID(rawValue: row["incident"]), let kind = OperationKind(rawValue: row["kind"])
        else { throw CoreError.malformedOperation("unreadable row in the operation log") }
        return Operation(
            id: OperationID(replica: replica, seq: row["seq"]), hlc: hlc, author: row["author"], incident: incident,
            payload: try OperationCoding.decodeBody(row["body"], kind: kind))
    }
}
