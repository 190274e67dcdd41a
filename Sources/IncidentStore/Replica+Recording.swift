import GRDB
import IncidentCore

/// A timeline entry to record.
public struct NewEntry: Hashable, Sendable {
    /// Event time in milliseconds since 1970 UTC.
    public var at: Int64
    public var kind: EntryKind
    public var text: String

    public init(at: Int64, kind: EntryKind, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }
}

/// What `importScratchpad` did.
public struct ImportReport: Hashable, Sendable {
    /// Lines that became new timeline entries.
    public var added: Int
    /// Lines already on the timeline (imported before, here or on another replica).
    public var alreadyPresent: Int
    /// The numbers of the lines that are not entries (blank, `# ` comments, a time alone).
    public var passedOver: [Int]
    /// The entry lines whose leading time could not be read, with the time they were given.
    public var unreadTimes: [TimedLine]

    public init(added: Int, alreadyPresent: Int, passedOver: [Int] = [], unreadTimes: [TimedLine] = []) {
        self.added = added
        self.alreadyPresent = alreadyPresent
        self.passedOver = passedOver
        self.unreadTimes = unreadTimes
    }
}

/// What `logLines` recorded, and what it passed over.
public struct LogReport: Hashable, Sendable {
    /// The entries written, in order, each with its time as read.
    public var entries: [NewEntry]
    /// The numbers of the lines that are not entries (blank, or a time alone).
    public var passedOver: [Int]
    /// The entry lines whose leading time could not be read, with the time they were given.
    public var unreadTimes: [TimedLine]
}

extension Replica {
    /// Opens an incident, status `reported`, and makes it the current one.
    ///
    /// - Parameter at: when it started; now when `nil`.
    public func createIncident(title: String, severity: Severity, lead: String? = nil, at: Int64? = nil) throws
        -> IncidentID
    {
        let title = try IncidentField.title.validate(title)
        let lead = try lead.map { try IncidentField.lead.validate($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let incident = IncidentID.random(from: randomBits)
        try recording { local in
            try local.append(
                .createIncident(CreateIncident(title: title, severity: severity, lead: lead, at: at ?? local.wall)),
                to: incident)
            try Self.setCurrent(incident, in: local.db)
        }
        return incident
    }

    /// Makes `incident` the one later commands act on when given no `-i`.
    public func use(_ incident: IncidentID) throws {
        try writer.write { db in try Self.setCurrent(incident, in: db) }
    }

    /// Records timeline entries, all in one transaction.
    ///
    /// - Returns: the new entries' ids, in the order given.
    /// - Throws: `CoreError.emptyText` if an entry has no text; then nothing is written.
    @discardableResult
    public func log(_ entries: [NewEntry], to incident: IncidentID) throws -> [EntryID] {
        let entries = try entries.map { entry in
            var entry = entry
            entry.text = entry.text.trimmingWhitespace()
            guard !entry.text.isEmpty else { throw CoreError.emptyText(what: "the timeline entry") }
            return entry
        }
        let ids = EntryID.random(count: entries.count, from: randomBits)
        return try recording { local in
            try zip(ids, entries).map { id, entry in
                try local.append(
                    .addEntry(AddEntry(entry: id, at: entry.at, kind: entry.kind, text: entry.text)), to: incident,
                    isNewEntry: true)
                return id
            }
        }
    }

    /// Records lines typed as `incident log` reads them from standard input: each
    /// may start with a time (scratchpad forms); lines before the first time take
    /// `defaultAt`, and a first bare time is the latest such time not in the future.
    /// Every non-blank line is an entry, `#` or not: a person typed it to record it.
    ///
    /// - Throws: `CoreError.atLine` for a bad time; nothing is written then.
    @discardableResult
    public func logLines(
        _ text: String, defaultAt: Int64?, kind: EntryKind, to incident: IncidentID, in localTime: LocalTime
    ) throws -> LogReport {
        let wall = now()
        let reading = try Scratchpad.parse(
            text, start: defaultAt ?? wall, firstClock: .latestNotAfterNow, comments: .none,
            beforeFirstTime: defaultAt == nil ? .firstTime : .start, now: wall, in: localTime)
        let entries = reading.lines.map { NewEntry(at: $0.at, kind: kind, text: $0.text) }
        try log(entries, to: incident)
        return LogReport(entries: entries, passedOver: reading.passedOver, unreadTimes: reading.linesWithUnreadTimes)
    }

    /// Reads a scratchpad file as `importScratchpad` would import it onto `incident`, and
    /// writes nothing (`import --dry-run`).
    ///
    /// - Throws: `CoreError.atLine` for a bad line.
    public func readScratchpad(_ text: String, for incident: IncidentID, in localTime: LocalTime) throws
        -> ScratchpadReading
    {
        let wall = now()
        return try writer.read { db in
            try Self.readScratchpad(text, startedAt: Self.startedAt(of: incident, in: db), wall: wall, in: localTime)
        }
    }

    /// When `incident` started, as the import of a scratchpad places bare times.
    private static func startedAt(of incident: IncidentID, in db: Database) throws -> Int64 {
        guard let key = try Keys(db: db).existingIncident(incident),
            let startedAt = try Int64.fetchOne(
                db, sql: "SELECT started_at FROM incident_state WHERE key = ? AND created", arguments: [key])
        else { throw StoreError.unknownIncident(incident.rawValue) }
        return startedAt
    }

    private static func readScratchpad(_ text: String, startedAt: Int64, wall: Int64, in localTime: LocalTime) throws
        -> ScratchpadReading
    {
        try Scratchpad.parse(
            text, start: startedAt, firstClock: .nearest(to: startedAt), comments: .hashThenSpace, now: wall,
            in: localTime)
    }

    /// Imports a scratchpad file onto the timeline as `event` entries.
    ///
    /// Each line's entry id derives from the incident, its time and its text, so
    /// importing the same file again (or a longer version of it), here or on another
    /// replica, adds only the lines not yet there. Bare times are placed nearest the
    /// incident's start for the first, then nearest the previous line's time. A `#`
    /// followed by a space or the end of the line starts a comment; `#4521 ...` is an entry.
    ///
    /// - Throws: `CoreError.atLine` for a bad line; nothing is written then.
    @discardableResult
    public func importScratchpad(_ text: String, into incident: IncidentID, in localTime: LocalTime) throws
        -> ImportReport
    {
        try recording { local in
            guard let key = try local.keys.existingIncident(incident) else {
                throw StoreError.unknownIncident(incident.rawValue)
            }
            let reading = try Self.readScratchpad(
                text, startedAt: Self.startedAt(of: incident, in: local.db), wall: local.wall, in: localTime)
            var report = ImportReport(
                added: 0, alreadyPresent: 0, passedOver: reading.passedOver, unreadTimes: reading.linesWithUnreadTimes)
            for line in reading.lines {
                let id = AddEntry.derivedID(incident: incident, at: line.at, text: line.text)
                let present = try SQLiteStatement(local.db, "SELECT 1 FROM timeline WHERE incident = ? AND entry = ?")
                    .bind(key, id.bytes)
                let isPresent = try present.next()
                present.finish()
                if isPresent {
                    report.alreadyPresent += 1
                    continue
                }
                try local.append(
                    .addEntry(AddEntry(entry: id, at: line.at, kind: .event, text: line.text)), to: incident)
                report.added += 1
            }
            return report
        }
    }

    /// Sets a field, overwriting every current head (which settles a conflict).
    ///
    /// - Returns: `false` when the field already had that value and no conflict: nothing written.
    @discardableResult
    public func set(_ field: IncidentField, to value: String, of incident: IncidentID) throws -> Bool {
        let value = try field.validate(value)
        return try recording { local in try Self.set(field, to: value, of: incident, with: &local) }
    }

    /// Moves the incident to `status`, with the runbook's summary where it asks for one
    /// (mitigation for `stabilized`, solution for `resolved`), and notes the change on
    /// the timeline as an `update`, all in one transaction.
    ///
    /// - Throws: `StoreError.summaryRequired` when the status needs a summary and has none.
    public func setStatus(_ status: IncidentStatus, summary: String?, of incident: IncidentID) throws {
        let summary = summary?.trimmingWhitespace() ?? ""
        if let field = status.requiredSummary, summary.isEmpty {
            throw StoreError.summaryRequired(status, field)
        }
        try recording { local in
            try Self.set(.status, to: status.rawValue, of: incident, with: &local)
            if let field = status.requiredSummary {
                try Self.set(field, to: summary, of: incident, with: &local)
            }
            let text = summary.isEmpty ? "status: \(status.rawValue)" : "\(status.rawValue): \(summary)"
            try local.append(
                .addEntry(AddEntry(entry: .random(from: randomBits), at: local.wall, kind: .update, text: text)),
                to: incident,
                isNewEntry: true)
        }
    }

    /// Replaces an entry's text, or moves it to another event time, or both, in one
    /// transaction; each overwrites every current version of what it writes. A move to
    /// the time the entry already stands at, with no conflict to settle, writes nothing.
    public func editEntry(_ entry: EntryID, text: String? = nil, at: Int64? = nil, of incident: IncidentID) throws {
        let text = text?.trimmingWhitespace()
        if let text, text.isEmpty { throw CoreError.emptyText(what: "the new text") }
        try recording { local in
            if let text {
                let heads = try local.heads(of: incident) { .text(of: entry, in: $0) }
                try local.append(
                    .editEntry(EditEntry(entry: entry, text: text, overwrites: heads.operations)), to: incident)
            }
            if let at {
                let heads = try local.heads(of: incident) { .time(of: entry, in: $0) }
                let standing = try heads.isConflicted ? nil : local.eventTime(of: entry, in: incident)
                guard standing != at else { return }
                try local.append(
                    .moveEntry(MoveEntry(entry: entry, at: at, overwrites: heads.operations)), to: incident)
            }
        }
    }

    /// Redacts an entry: its text is blanked here at once, and everywhere the redaction syncs.
    public func redactEntry(_ entry: EntryID, of incident: IncidentID) throws {
        try recording { local in _ = try local.append(.redactEntry(RedactEntry(entry: entry)), to: incident) }
        checkpointAfterRedaction()
    }

    @discardableResult
    private static func set(
        _ field: IncidentField, to value: String, of incident: IncidentID, with local: inout LocalWriter
    ) throws -> Bool {
        let heads = try local.heads(of: incident) { .field(field, of: $0) }
        if !heads.isConflicted, heads.winner?.value == value { return false }
        try local.append(
            .setField(SetField(field: field, value: value, overwrites: heads.operations)), to: incident)
        return true
    }

    static let currentIncidentKey = "current_incident"

    private static func setCurrent(_ incident: IncidentID, in db: Database) throws {
        try LocalSettingRecord(key: currentIncidentKey, value: incident.rawValue).insert(db, onConflict: .replace)
    }
}
