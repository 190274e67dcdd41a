import GRDB
import IncidentCore

extension Replica {
    /// The incidents, newest first: open ones only unless `includeClosed`, or those of `status`.
    ///
    /// Listings carry no timeline (`timeline` is `nil`).
    public func incidents(includeClosed: Bool = false, status: IncidentStatus? = nil) throws -> [Incident] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM incidents ORDER BY started_at DESC, id")
            return try rows.compactMap { row in
                let incident = try Self.incident(from: row, in: db, withTimeline: false)
                if let status { return incident.status == status ? incident : nil }
                return includeClosed || incident.status.isOpen ? incident : nil
            }
        }
    }

    /// One incident with its timeline in order (event time, then clock, then id).
    ///
    /// - Throws: `StoreError.unknownIncident` when it is not on this replica.
    public func incident(_ id: IncidentID) throws -> Incident {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.unknownIncident(id.rawValue) }
            return try Self.incident(from: row, in: db, withTimeline: true)
        }
    }

    /// The incident a command acts on: the one `reference` (a unique id prefix) names,
    /// or the current one when `reference` is `nil`.
    ///
    /// - Throws: `StoreError.unknownIncident`, `.ambiguousIncident` or `.noCurrentIncident`.
    public func resolveIncident(_ reference: String?) throws -> IncidentID {
        try writer.read { db in
            guard let reference else {
                guard let current = try String.fetchOne(
                    db, sql: "SELECT value FROM local_settings WHERE key = ?", arguments: [Self.currentIncidentKey]),
                    let id = IncidentID(rawValue: current)
                else { throw StoreError.noCurrentIncident }
                return id
            }
            let matches = try Self.idsMatching(reference, table: "incidents", in: db, scope: nil)
            guard let first = matches.first.flatMap(IncidentID.init(rawValue:)) else {
                throw StoreError.unknownIncident(reference)
            }
            guard matches.count == 1 else {
                throw StoreError.ambiguousIncident(reference, candidates: matches)
            }
            return first
        }
    }

    /// The entry of `incident` that `reference` (a unique id prefix) names.
    ///
    /// - Throws: `StoreError.unknownEntry` or `.ambiguousEntry`.
    public func resolveEntry(_ reference: String, in incident: IncidentID) throws -> EntryID {
        try writer.read { db in
            let matches = try Self.idsMatching(reference, table: "entries", in: db, scope: incident)
            guard let first = matches.first.flatMap(EntryID.init(rawValue:)) else {
                throw StoreError.unknownEntry(reference)
            }
            guard matches.count == 1 else { throw StoreError.ambiguousEntry(reference, candidates: matches) }
            return first
        }
    }

    /// The shortest unique prefix (at least 6 characters) of every incident id held.
    public func shortIncidentIDs() throws -> [IncidentID: String] {
        try writer.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM incidents").compactMap(IncidentID.init(rawValue:))
            return ShortestPrefixes.of(ids)
        }
    }

    /// Ids in `table` starting with `reference` (at most a few, for the message).
    private static func idsMatching(_ reference: String, table: String, in db: Database, scope: IncidentID?) throws
        -> [String]
    {
        let prefix = reference.lowercased()
        guard IncidentID.isPrefix(prefix) else { return [] }
        // Every id is lowercase hex, so the ids starting with `prefix` sort in [prefix, prefix + "g").
        let scopeClause = scope == nil ? "" : "incident = ? AND "
        var arguments: StatementArguments = scope.map { [$0.rawValue] } ?? []
        arguments += [prefix, prefix + "g"]
        return try String.fetchAll(
            db, sql: "SELECT id FROM \(table) WHERE \(scopeClause)id >= ? AND id < ? ORDER BY id LIMIT 5",
            arguments: arguments)
    }

    private static func incident(from row: Row, in db: Database, withTimeline: Bool) throws -> Incident {
        guard let id = IncidentID(rawValue: row["id"]), let severity = Severity(rawValue: row["severity"]),
            let status = IncidentStatus(rawValue: row["status"])
        else { throw CoreError.malformedOperation("unreadable incident row") }
        return Incident(
            id: id, title: row["title"], severity: severity, status: status, lead: row["lead"],
            mitigation: row["mitigation"], solution: row["solution"], startedAt: row["started_at"],
            reportedBy: row["reported_by"], conflicts: try conflicts(of: id, in: db),
            timeline: withTimeline ? try timeline(of: id, in: db) : nil)
    }

    private static func timeline(of incident: IncidentID, in db: Database) throws -> [TimelineEntry] {
        try Row.fetchAll(
            db, sql: "SELECT id, at, author, kind, text, redacted FROM entries WHERE incident = ? ORDER BY at, hlc, id",
            arguments: [incident.rawValue]
        ).map { row in
            guard let id = EntryID(rawValue: row["id"]), let kind = EntryKind(rawValue: row["kind"]) else {
                throw CoreError.malformedOperation("unreadable entry row")
            }
            return TimelineEntry(
                id: id, at: row["at"], author: row["author"], kind: kind, text: row["text"], redacted: row["redacted"])
        }
    }

    /// Registers with more than one head, grouped as fields (entry `''`) and entry texts.
    private static func conflicts(of incident: IncidentID, in db: Database) throws -> [FieldConflict] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT entry, field, op_replica, op_seq, hlc, author, value FROM register_heads
                WHERE incident = ? AND (entry, field) IN (
                    SELECT entry, field FROM register_heads WHERE incident = ?1
                    GROUP BY entry, field HAVING count(DISTINCT value) > 1)
                ORDER BY entry, field
                """,
            arguments: [incident.rawValue])
        var conflicts: [FieldConflict] = []
        var current: (entry: String, field: String, writes: [RegisterWrite])?
        func flush() {
            guard let group = current else { return }
            conflicts.append(
                FieldConflict(
                    field: group.field, entry: EntryID(rawValue: group.entry),
                    candidates: RegisterHeads(group.writes).writes))
        }
        for row in rows {
            let entry: String = row["entry"]
            let field: String = row["field"]
            let write = try Materializer.registerWrite(from: row)
            if current?.entry == entry, current?.field == field {
                current?.writes.append(write)
            } else {
                flush()
                current = (entry, field, [write])
            }
        }
        flush()
        return conflicts
    }
}
