import GRDB
import IncidentCore

extension Replica {
    /// The incidents, newest first: open ones only unless `includeClosed`, or those of `status`.
    ///
    /// Listings carry no timeline (`timeline` is `nil`).
    ///
    /// - Complexity: one row an incident; conflicts are read only for incidents that have one.
    public func incidents(includeClosed: Bool = false, status: IncidentStatus? = nil) throws -> [Incident] {
        var incidents: [Incident] = []
        try forEachIncident(includeClosed: includeClosed, status: status) { incidents.append($0) }
        return incidents
    }

    /// Calls `body` with each incident of `incidents(includeClosed:status:)`, in its order,
    /// (open incidents are those whose status is open, or in conflict with an open value:
    /// an open claim from another maintainer keeps an incident listed),
    /// read from the file as `body` goes: a listing is never in memory whole.
    public func forEachIncident(
        includeClosed: Bool = false, status: IncidentStatus? = nil, _ body: (Incident) throws -> Void
    ) throws {
        try writer.read { db in
            let keys = Keys(db: db)
            var filter = ""
            let openOnly = status == nil && !includeClosed
            if let status {
                filter = " AND status = '\(status.rawValue)'"
            } else if openOnly {
                // A closed incident in conflict is read too: if someone holds it open, it is listed.
                let open = IncidentStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }
                filter = " AND (status IN (\(open.joined(separator: ", "))) OR conflicts > 0)"
            }
            let names = try WriterNames(in: db, keys: keys)
            let lists = try ListReader(db: db, keys: keys, names: names).lists(of: nil)
            let statement = try SQLiteStatement(db, Self.incidentColumns + filter + " ORDER BY started_at DESC, id")
            while try statement.next() {
                var (incident, conflicts, key) = try Self.incident(from: statement, keys: keys, names: names)
                if conflicts > 0 { incident.conflicts = try Self.conflicts(of: key, in: db, keys: keys, names: names) }
                if !lists.isEmpty { lists.fill(&incident, key: key) }
                if openOnly, !incident.status.isOpen, !incident.isHeldOpenByAConflict { continue }
                try body(incident)
            }
        }
    }

    /// Whether `entry` of `incident` was redacted here (an edit of it would change nothing
    /// anyone sees).
    public func isRedacted(_ entry: EntryID, of incident: IncidentID) throws -> Bool {
        try writer.read { db in
            let keys = Keys(db: db)
            guard let key = try keys.existingIncident(incident) else { return false }
            return try OperationLog(db: db, keys: keys).isRedacted(entry.bytes, of: key)
        }
    }

    /// The event time entry `entry` of `incident` stands at (where a move put it), or
    /// `nil` when it is not on the timeline.
    public func eventTime(of entry: EntryID, in incident: IncidentID) throws -> Int64? {
        try writer.read { db in
            guard let key = try Keys(db: db).existingIncident(incident) else { return nil }
            return try Self.eventTime(of: entry, in: key, db: db)
        }
    }

    static func eventTime(of entry: EntryID, in incident: Int64, db: Database) throws -> Int64? {
        let statement = try SQLiteStatement(db, "SELECT at FROM timeline WHERE incident = ? AND entry = ?")
            .bind(incident, entry.bytes)
        defer { statement.finish() }
        return try statement.next() ? statement.int64(0) : nil
    }

    /// One incident with its timeline in order (event time, then clock, then id).
    ///
    /// - Throws: `StoreError.unknownIncident` when it is not on this replica.
    public func incident(_ id: IncidentID) throws -> Incident {
        try readIncident(id) { incident, forEachEntry in
            var incident = incident
            var timeline: [TimelineEntry] = []
            try forEachEntry { timeline.append($0) }
            incident.timeline = timeline
            return incident
        }
    }

    /// One incident with its lists, notes and people but not its timeline (`timeline` is
    /// `nil`): what a command that shows the lists reads, without reading every entry.
    public func incidentWithoutTimeline(_ id: IncidentID) throws -> Incident {
        try readIncident(id) { incident, _ in incident }
    }

    /// Reads one incident without its timeline and hands `body` the incident and a
    /// function that calls its argument with each timeline entry in order, streamed
    /// from the file: a timeline of any length is never in memory whole. Both are
    /// valid only while `body` runs, in one read transaction.
    ///
    /// - Throws: `StoreError.unknownIncident` when it is not on this replica.
    public func readIncident<T>(
        _ id: IncidentID,
        _ body: (Incident, _ forEachEntry: ((TimelineEntry) throws -> Void) throws -> Void) throws -> T
    ) throws -> T {
        try writer.read { db in
            let keys = Keys(db: db)
            let statement = try SQLiteStatement(db, Self.incidentColumns + " AND id = ?").bind(id.bytes)
            guard try statement.next() else { throw StoreError.unknownIncident(id.rawValue) }
            let names = try WriterNames(in: db, keys: keys)
            var (incident, conflicts, key) = try Self.incident(from: statement, keys: keys, names: names)
            statement.finish()
            if conflicts > 0 { incident.conflicts = try Self.conflicts(of: key, in: db, keys: keys, names: names) }
            let lists = ListReader(db: db, keys: keys, names: names)
            try lists.lists(of: key).fill(&incident, key: key)
            incident.notes = NoteOrder.visible(try lists.noteLines(of: key))
            incident.people = try lists.people(of: key)
            let reader = TimelineReader(db: db, keys: keys, names: names)
            return try body(incident) { entryBody in try reader.forEachEntry(of: key, entryBody) }
        }
    }

    /// The shortest unique prefix length of each entry id of `incident`, read from the
    /// entry index in id order (no sort).
    public func shortEntryIDs(of incident: IncidentID) throws -> ShortestPrefixes.Table {
        try writer.read { db in
            guard let key = try Keys(db: db).existingIncident(incident) else {
                return ShortestPrefixes.Table(sorted: [])
            }
            return try Self.prefixTable(
                SQLiteStatement(db, "SELECT entry FROM timeline WHERE incident = ? ORDER BY entry").bind(key))
        }
    }

    /// The prefix table of the 16-byte ids a statement selects in order.
    private static func prefixTable(_ statement: SQLiteStatement) throws -> ShortestPrefixes.Table {
        var values: [ShortestPrefixes.Value] = []
        while try statement.next() {
            statement.withBytes(0) { bytes in
                if bytes.count == 16 { values.append(ShortestPrefixes.Value(bytes)) }
            }
        }
        return ShortestPrefixes.Table(sorted: values)
    }

    /// The incident a command acts on: the one `reference` (a unique id prefix) names,
    /// or the current one when `reference` is `nil`.
    ///
    /// - Throws: `StoreError.unknownIncident`, `.ambiguousIncident` or `.noCurrentIncident`.
    public func resolveIncident(_ reference: String?) throws -> IncidentID {
        try writer.read { db in
            guard let reference else {
                guard let current = try LocalSettingRecord.value(forKey: Self.currentIncidentKey, in: db),
                    let id = IncidentID(rawValue: current)
                else { throw StoreError.noCurrentIncident }
                return id
            }
            let matches = try Self.idsMatching(
                reference, sql: "SELECT id FROM incident_state WHERE created AND id >= ?1 AND (?2 IS NULL OR id < ?2)",
                in: db)
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
            guard let key = try Keys(db: db).existingIncident(incident) else {
                throw StoreError.unknownEntry(reference)
            }
            let matches = try Self.idsMatching(
                reference,
                sql: """
                    SELECT DISTINCT entry FROM timeline
                    WHERE incident = \(key) AND entry >= ?1 AND (?2 IS NULL OR entry < ?2)
                    """,
                in: db)
            guard let first = matches.first.flatMap(EntryID.init(rawValue:)) else {
                throw StoreError.unknownEntry(reference)
            }
            guard matches.count == 1 else { throw StoreError.ambiguousEntry(reference, candidates: matches) }
            return first
        }
    }

    /// The shortest unique prefix (at least 6 characters) of every incident id held,
    /// read in id order from the index of ids.
    public func shortIncidentIDs() throws -> ShortestPrefixes.Table {
        try writer.read { db in
            try Self.prefixTable(SQLiteStatement(db, "SELECT id FROM incident_state WHERE created ORDER BY id"))
        }
    }

    /// Ids (as hex) that `sql` selects between the bounds of the prefix `reference`,
    /// at most a few, for the message.
    private static func idsMatching(_ reference: String, sql: String, in db: Database) throws -> [String] {
        let prefix = reference.lowercased()
        guard IncidentID.isPrefix(prefix) else { return [] }
        let (lower, upper) = HexDigits.range(ofPrefix: prefix)
        let statement = try SQLiteStatement(db, sql + " ORDER BY 1 LIMIT 5").bind(lower, upper)
        var matches: [String] = []
        while try statement.next() {
            let hex = HexDigits.string(of: statement.bytes(0))
            if hex.hasPrefix(prefix) { matches.append(hex) }
        }
        return matches
    }

    private static let incidentColumns = """
        SELECT key, id, title, severity, status, lead, mitigation, solution, started_at, reported_by, conflicts,
            created_replica
        FROM incident_state WHERE created
        """

    private static func incident(from statement: SQLiteStatement, keys: Keys, names: WriterNames) throws
        -> (Incident, conflicts: Int64, key: Int64)
    {
        guard let id = IncidentID(bytes: statement.bytes(1)), let severity = Severity(rawValue: statement.int(3)),
            let status = IncidentStatus(rawValue: statement.text(4))
        else { throw CoreError.malformedOperation("unreadable incident row") }
        let incident = Incident(
            id: id, title: statement.text(2), severity: severity, status: status,
            lead: statement.isNull(5) ? nil : statement.text(5),
            mitigation: statement.isNull(6) ? nil : statement.text(6),
            solution: statement.isNull(7) ? nil : statement.text(7), startedAt: statement.int64(8),
            reportedBy: names.name(
                of: ReplicaID(bytes: statement.bytes(11)), claimed: try keys.authorName(statement.int64(9))),
            conflicts: [],
            timeline: nil)
        return (incident, statement.int64(10), statement.int64(0))
    }

    /// Registers of an incident whose heads hold different values, ordered by entry
    /// (fields first), then field name.
    private static func conflicts(of incident: Int64, in db: Database, keys: Keys, names: WriterNames) throws
        -> [FieldConflict]
    {
        let statement = try SQLiteStatement(
            db, "SELECT entry, field FROM heads WHERE incident = ? GROUP BY entry, field HAVING count(*) > 1"
        ).bind(incident)
        var registers: [RegisterKey] = []
        while try statement.next() {
            registers.append(RegisterKey(incident: incident, entry: statement.bytes(0), field: statement.int64(1)))
        }
        let materializer = try Materializer(db: db, keys: keys)
        var conflicts: [FieldConflict] = []
        for register in registers {
            let heads = try materializer.heads(of: register).0
            guard heads.isConflicted else { continue }
            var candidates = heads.writes
            for index in candidates.indices {
                candidates[index].author = names.name(
                    of: candidates[index].operation.replica, claimed: candidates[index].author)
            }
            if register.field == StoredCodes.entryTime {
                for index in candidates.indices {
                    candidates[index].value = Int64(candidates[index].value).map(ISOTime.format(milliseconds:)) ?? ""
                }
            }
            conflicts.append(
                FieldConflict(
                    field: try StoredCodes.registerName(register.field), entry: EntryID(bytes: register.entry),
                    candidates: candidates))
        }
        return conflicts.sorted {
            ($0.entry?.rawValue ?? "", $0.field) < ($1.entry?.rawValue ?? "", $1.field)
        }
    }
}
