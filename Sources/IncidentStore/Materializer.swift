import GRDB
import IncidentCore

/// One register inside the file: an incident field (`entry` empty), an entry's text or
/// its event time.
struct RegisterKey: Hashable {
    var incident: Int64
    var entry: [UInt8]
    var field: Int64

    static func field(_ field: IncidentField, of incident: Int64) -> RegisterKey {
        RegisterKey(incident: incident, entry: [], field: StoredCodes.code(of: field))
    }

    static func text(of entry: EntryID, in incident: Int64) -> RegisterKey {
        RegisterKey(incident: incident, entry: entry.bytes, field: StoredCodes.entryText)
    }

    static func time(of entry: EntryID, in incident: Int64) -> RegisterKey {
        RegisterKey(incident: incident, entry: entry.bytes, field: StoredCodes.entryTime)
    }
}

/// Bits of `timeline.flags`.
enum TimelineFlags {
    /// The entry's text register was written more than once: its text is the winner in `heads`.
    static let registerRows: Int64 = 1
    /// The entry was redacted: its text is blank everywhere.
    static let redacted: Int64 = 2
}

/// Updates the materialized state for one op just appended to the log.
///
/// Every step is order-independent: a set may arrive before the write it
/// overwrites, an edit or redaction before its entry, a field before its
/// incident; each lands in the register or tombstone tables and shows once the
/// thing it belongs to exists. The register rule itself is
/// `RegisterHeads.adding(_:overwriting:isOverwritten:)` in `IncidentCore`; this
/// type keeps its result in `heads` and `overwritten`.
struct Materializer {
    let db: Database
    let keys: Keys
    /// How many redactions this materializer applied: the caller checkpoints after any, so
    /// the text they blanked leaves the write-ahead log too.
    private(set) var redactions = 0

    /// Whether the replica holds any redaction; while it holds none, appends skip the look-up.
    private(set) var anyRedaction: Bool
    /// Per incident key and entry register (text, time), whether any entry of it has
    /// rows in that register; while none has, an add needs no look-up.
    private var entryRegisters: [RegisterKey: Bool] = [:]

    private struct WriterKey: Hashable {
        var incident: Int64
        var replica: Int64
        var author: Int64
    }

    /// The writers already kept in this transaction.
    private var writersSeen: Set<WriterKey> = []

    init(db: Database, keys: Keys) throws {
        self.db = db
        self.keys = keys
        let statement = try SQLiteStatement(db, "SELECT 1 FROM redactions LIMIT 1")
        anyRedaction = try statement.next()
        statement.finish()
    }

    private var log: OperationLog { OperationLog(db: db, keys: keys) }

    /// Applies `operation` (as stored, at `key`) to the materialized state.
    ///
    /// - Parameters:
    ///   - earlierAdd: for an add of an entry that already had one, where that add sits.
    ///   - isNewEntry: the op adds an entry under a fresh random id, which no other op
    ///     can name yet, so its register needs no look-up.
    /// - Returns: whether a register it wrote is left with concurrent, different values.
    /// - Complexity: for an `entry.add`, no statement while its incident has no edited
    ///   entry; for other ops, a few statements per register written.
    mutating func apply(
        _ operation: Operation, at key: LogKey, earlierAdd: LogKey? = nil, isNewEntry: Bool = false
    ) throws -> Bool {
        if operation.payload.isRosterChange {
            try SQLiteStatement(db, "INSERT OR IGNORE INTO roster_ops (replica, seq) VALUES (?, ?)")
                .bind(key.replica, key.seq).run()
            return false
        }
        let incident = try keys.incident(operation.incident)
        try noteWriter(operation.author, of: key.replica, in: incident)
        switch operation.payload {
        case .createIncident(let body):
            let hlc = operation.hlc
            try SQLiteStatement(
                db,
                """
                UPDATE incident_state SET created = 1, started_at = ?, reported_by = ?, created_wall = ?,
                    created_counter = ?, created_replica = ?
                WHERE key = ? AND (created = 0 OR (created_wall, created_counter, created_replica) > (?, ?, ?))
                """
            ).bind(
                body.at, try keys.author(operation.author), hlc.wall, Int64(hlc.counter), hlc.replica.bytes, incident,
                hlc.wall, Int64(hlc.counter), hlc.replica.bytes
            ).run()
            var conflicted = false
            for (field, value) in body.initialFields {
                let write = RegisterWrite(operation: operation.id, hlc: hlc, author: operation.author, value: value)
                if try self.write(write, at: key, to: .field(field, of: incident), overwriting: []) {
                    conflicted = true
                }
            }
            return conflicted
        case .setField(let body):
            return try write(
                RegisterWrite(operation: operation.id, hlc: operation.hlc, author: operation.author, value: body.value),
                at: key, to: .field(body.field, of: incident), overwriting: body.overwrites)
        case .addEntry(let body):
            if anyRedaction, try log.isRedacted(body.entry.bytes, of: incident) {
                try markTimeline(.text(of: body.entry, in: incident), TimelineFlags.redacted)
            }
            // Only an edit that arrived before its add gives a lone add register rows.
            if isNewEntry { return false }
            if try hasEntryRegisters(StoredCodes.entryTime, in: incident) {
                let time = RegisterKey.time(of: body.entry, in: incident)
                if try hasRegisterRows(time) { try place(body.entry, in: incident, at: try heads(of: time).0.winner) }
            }
            if earlierAdd == nil, try !hasEntryRegisters(StoredCodes.entryText, in: incident) { return false }
            let register = RegisterKey.text(of: body.entry, in: incident)
            if let earlierAdd {
                // The register's first rows, if it had none: the add that came first.
                if try !hasRegisterRows(register) { try insertHead(earlierAdd, of: register) }
            } else {
                guard try hasRegisterRows(register) else { return false }
            }
            return try write(
                RegisterWrite(operation: operation.id, hlc: operation.hlc, author: operation.author, value: body.text),
                at: key, to: register, overwriting: [])
        case .editEntry(let body):
            return try write(
                RegisterWrite(operation: operation.id, hlc: operation.hlc, author: operation.author, value: body.text),
                at: key, to: .text(of: body.entry, in: incident), overwriting: body.overwrites)
        case .redactEntry(let body):
            try redact(.text(of: body.entry, in: incident))
            return false
        case .moveEntry(let body):
            return try write(
                RegisterWrite(
                    operation: operation.id, hlc: operation.hlc, author: operation.author, value: String(body.at)),
                at: key, to: .time(of: body.entry, in: incident), overwriting: body.overwrites)
        case .addItem(let body):
            try lists.add(body, by: operation, to: incident)
            return false
        case .setItem(let body):
            try lists.set(body.field, of: body.item, to: body.value, at: operation.hlc, in: incident)
            return false
        case .removeItem(let body):
            try lists.remove(body.item, from: incident)
            return false
        case .setAlarm(let body):
            try lists.set(body, by: operation, in: incident)
            return false
        case .redactItem(let body):
            try redact(body.item, of: incident)
            return false
        case .admitMember, .removeMember, .succeedMember:
            return false  // kept in `roster_ops` above
        }
    }

    private var lists: ListMaterializer { ListMaterializer(db: db, keys: keys) }

    /// Keeps who wrote to the incident keyed `incident`: the name `author` the ops of the
    /// replica keyed `replica` claim. One look-up per writer and incident in a transaction.
    private mutating func noteWriter(_ author: String, of replica: Int64, in incident: Int64) throws {
        let writer = WriterKey(incident: incident, replica: replica, author: try keys.author(author))
        guard writersSeen.insert(writer).inserted else { return }
        try SQLiteStatement(db, "INSERT OR IGNORE INTO writers (incident, replica, author) VALUES (?, ?, ?)")
            .bind(writer.incident, writer.replica, writer.author).run()
    }

    // MARK: - Registers

    /// The heads of a register, each with where its op sits, the winner first.
    ///
    /// An entry's text with no register rows has had one write or none: its adds
    /// in `timeline` are its heads. An entry's time has heads only once it was moved:
    /// every move overwrites the time the entry was added with.
    func heads(of register: RegisterKey, excluding excluded: LogKey? = nil) throws -> (RegisterHeads, [LogKey]) {
        var locations: [LogKey] = []
        let table = try hasRegisterRows(register) ? "heads" : "timeline"
        if table == "heads" {
            let statement = try SQLiteStatement(
                db, "SELECT replica, seq FROM heads WHERE incident = ? AND entry = ? AND field = ?"
            ).bind(register.incident, register.entry, register.field)
            while try statement.next() {
                locations.append(LogKey(replica: statement.int64(0), seq: statement.int64(1)))
            }
        } else if register.field == StoredCodes.entryText {
            let statement = try SQLiteStatement(
                db, "SELECT replica, seq FROM timeline WHERE incident = ? AND entry = ?"
            )
            .bind(register.incident, register.entry)
            while try statement.next() {
                locations.append(LogKey(replica: statement.int64(0), seq: statement.int64(1)))
            }
        }
        locations.removeAll { $0 == excluded }
        var writes: [RegisterWrite] = []
        for location in locations {
            guard let operation = try log.operation(at: location), let value = Self.value(of: operation, in: register)
            else { throw CoreError.malformedOperation("a register head names an op the log does not hold") }
            writes.append(
                RegisterWrite(operation: operation.id, hlc: operation.hlc, author: operation.author, value: value))
        }
        return (RegisterHeads(writes), locations)
    }

    /// What `operation` wrote to `register`, if it wrote to it.
    static func value(of operation: Operation, in register: RegisterKey) -> String? {
        switch operation.payload {
        case .createIncident(let body):
            return body.initialFields.first { StoredCodes.code(of: $0.0) == register.field }?.1
        case .setField(let body): return body.value
        case .addEntry(let body): return body.text
        case .editEntry(let body): return body.text
        case .moveEntry(let body): return String(body.at)
        case .redactEntry, .addItem, .setItem, .removeItem, .setAlarm, .redactItem, .admitMember, .removeMember,
            .succeedMember:
            return nil
        }
    }

    /// Records a write: what it overwrites leaves the heads, and it joins them unless
    /// a write that arrived earlier already overwrote it. Returns whether the register
    /// is then in conflict.
    private mutating func write(
        _ write: RegisterWrite, at key: LogKey, to register: RegisterKey, overwriting named: [OperationID]
    ) throws -> Bool {
        let hadRows = try hasRegisterRows(register)
        let (before, beforeLocations) = try heads(of: register, excluding: key)
        if !hadRows {
            // The register's first rows: its earlier heads (an entry's add) join `heads`.
            for location in beforeLocations { try insertHead(location, of: register) }
        }
        let overwrittenCheck = try SQLiteStatement(
            db, "SELECT 1 FROM overwritten WHERE incident = ? AND entry = ? AND field = ? AND replica = ? AND seq = ?"
        ).bind(register.incident, register.entry, register.field, key.replica, key.seq)
        let isOverwritten = try overwrittenCheck.next()
        overwrittenCheck.finish()
        for id in named {
            let replica = try keys.replica(id.replica)
            try SQLiteStatement(
                db, "INSERT OR IGNORE INTO overwritten (incident, entry, field, replica, seq) VALUES (?, ?, ?, ?, ?)"
            ).bind(register.incident, register.entry, register.field, replica, id.seq).run()
            try SQLiteStatement(
                db, "DELETE FROM heads WHERE incident = ? AND entry = ? AND field = ? AND replica = ? AND seq = ?"
            ).bind(register.incident, register.entry, register.field, replica, id.seq).run()
        }
        if !isOverwritten { try insertHead(key, of: register) }
        let after = before.adding(write, overwriting: named, isOverwritten: isOverwritten)
        try countConflict(of: register.incident, before: before.isConflicted, after: after.isConflicted)
        if let field = try StoredCodes.field(register.field) {
            try show(after.winner?.value, as: field, of: register.incident)
        } else {
            if register.field == StoredCodes.entryTime, let entry = EntryID(bytes: register.entry) {
                try place(entry, in: register.incident, at: after.winner)
            } else {
                try markTimeline(register, TimelineFlags.registerRows)
            }
            entryRegisters[RegisterKey(incident: register.incident, entry: [], field: register.field)] = true
        }
        return after.isConflicted
    }

    private func insertHead(_ location: LogKey, of register: RegisterKey) throws {
        try SQLiteStatement(
            db, "INSERT OR IGNORE INTO heads (incident, entry, field, replica, seq) VALUES (?, ?, ?, ?, ?)"
        )
        .bind(register.incident, register.entry, register.field, location.replica, location.seq).run()
    }

    /// Whether the register has rows in `heads` or `overwritten` (every field that was
    /// written does; an entry's text once it was written more than once).
    private func hasRegisterRows(_ register: RegisterKey) throws -> Bool {
        let statement = try SQLiteStatement(
            db,
            """
            SELECT EXISTS (SELECT 1 FROM heads WHERE incident = ?1 AND entry = ?2 AND field = ?3)
                OR EXISTS (SELECT 1 FROM overwritten WHERE incident = ?1 AND entry = ?2 AND field = ?3)
            """
        ).bind(register.incident, register.entry, register.field)
        defer { statement.finish() }
        return try statement.next() && statement.int64(0) != 0
    }

    /// Whether any entry of the incident keyed `incident` has rows in a register of kind
    /// `field` (an entry's text or time): looked up once per transaction, before an entry's
    /// own key is built.
    private mutating func hasEntryRegisters(_ field: Int64, in incident: Int64) throws -> Bool {
        let kind = RegisterKey(incident: incident, entry: [], field: field)
        if let known = entryRegisters[kind] { return known }
        let statement = try SQLiteStatement(
            db,
            """
            SELECT EXISTS (SELECT 1 FROM heads WHERE incident = ?1 AND field = ?2)
                OR EXISTS (SELECT 1 FROM overwritten WHERE incident = ?1 AND field = ?2)
            """
        ).bind(kind.incident, kind.field)
        let known = try statement.next() && statement.int64(0) != 0
        statement.finish()
        entryRegisters[kind] = known
        return known
    }

    private func countConflict(of incident: Int64, before: Bool, after: Bool) throws {
        guard before != after else { return }
        try SQLiteStatement(db, "UPDATE incident_state SET conflicts = conflicts + ? WHERE key = ?")
            .bind(after ? 1 : -1, incident).run()
    }

    /// Copies a field's current value (its winner) into the incident row; a field
    /// with no head (only possible with ops that name each other) shows its default.
    private func show(_ value: String?, as field: IncidentField, of incident: Int64) throws {
        if field.isPostmortem { return try showPostmortem(value, as: field, of: incident) }
        let column = field.rawValue
        let statement = try SQLiteStatement(db, "UPDATE incident_state SET \(column) = ? WHERE key = ?")
        switch field {
        case .severity: statement.bind(value.flatMap { Int($0) } ?? 3, incident)
        case .status: statement.bind(value ?? IncidentStatus.reported.rawValue, incident)
        case .title: statement.bind(value ?? "", incident)
        case .lead, .mitigation, .solution, .summary, .why1, .why2, .why3, .why4, .why5:
            statement.bind(value.flatMap { $0.isEmpty ? nil : $0 }, incident)
        }
        try statement.run()
    }

    /// Keeps a postmortem field's winner in `postmortems`; an empty one has no row.
    private func showPostmortem(_ value: String?, as field: IncidentField, of incident: Int64) throws {
        if let value, !value.isEmpty {
            try SQLiteStatement(db, "INSERT OR REPLACE INTO postmortems (incident, field, value) VALUES (?, ?, ?)")
                .bind(incident, StoredCodes.code(of: field), value).run()
        } else {
            try SQLiteStatement(db, "DELETE FROM postmortems WHERE incident = ? AND field = ?")
                .bind(incident, StoredCodes.code(of: field)).run()
        }
    }

    /// Puts an entry's timeline row at the time its time register holds: the winning
    /// move's, or with no head its add's own (the `log.at` of the add that holds the row).
    /// The add's body is kept in its `log` row first, as the row no longer matches it on
    /// `at`; an entry whose add has not arrived is placed as it lands.
    private func place(_ entry: EntryID, in incident: Int64, at winner: RegisterWrite?) throws {
        let row = try SQLiteStatement(
            db,
            """
            SELECT t.at, t.replica, t.seq, l.at, l.body IS NULL FROM timeline t
            JOIN log l ON l.replica = t.replica AND l.seq = t.seq WHERE t.incident = ? AND t.entry = ?
            """
        ).bind(incident, entry.bytes)
        guard try row.next() else { return }
        let (current, holder) = (row.int64(0), LogKey(replica: row.int64(1), seq: row.int64(2)))
        let added = row.int64(3)
        let bodyInTimeline = row.int64(4) != 0
        row.finish()
        let target = winner.flatMap { Int64($0.value) } ?? added
        guard target != current else { return }
        if bodyInTimeline {
            guard let add = try log.operation(at: holder) else {
                throw CoreError.malformedOperation("the add of a timeline row is missing")
            }
            try log.keepBody(of: add, at: holder)
        }
        try SQLiteStatement(db, "UPDATE timeline SET at = ? WHERE incident = ? AND entry = ?")
            .bind(target, incident, entry.bytes).run()
    }

    private func markTimeline(_ register: RegisterKey, _ flag: Int64) throws {
        try SQLiteStatement(db, "UPDATE timeline SET flags = flags | ? WHERE incident = ? AND entry = ?")
            .bind(flag, register.incident, register.entry).run()
    }

    // MARK: - Redaction

    /// Tombstones an entry: its text is blanked in its timeline row and in every edit
    /// held, here at once; edits and adds that arrive later are blanked as they land.
    private mutating func redact(_ register: RegisterKey) throws {
        try SQLiteStatement(db, "INSERT OR IGNORE INTO redactions (incident, entry) VALUES (?, ?)")
            .bind(register.incident, register.entry).run()
        anyRedaction = true
        let before = try heads(of: register).0
        // Every op that wrote the text: the add that holds the timeline row, and the edits and
        // other adds, which keep their text in `log`. Each is blanked (and its text's hash kept)
        // before the row's text is.
        var writes: [LogKey] = []
        let holder = try SQLiteStatement(db, "SELECT replica, seq FROM timeline WHERE incident = ? AND entry = ?")
            .bind(register.incident, register.entry)
        if try holder.next() { writes.append(LogKey(replica: holder.int64(0), seq: holder.int64(1))) }
        holder.finish()
        for table in ["heads", "overwritten"] {
            let statement = try SQLiteStatement(
                db, "SELECT replica, seq FROM \(table) WHERE incident = ? AND entry = ? AND field = ?"
            ).bind(register.incident, register.entry, register.field)
            while try statement.next() { writes.append(LogKey(replica: statement.int64(0), seq: statement.int64(1))) }
        }
        for write in writes { try log.blankBody(at: write) }
        try SQLiteStatement(
            db, "UPDATE timeline SET text = '', flags = flags | ? WHERE incident = ? AND entry = ?"
        ).bind(TimelineFlags.redacted, register.incident, register.entry).run()
        try log.blankPending(register.entry, of: register.incident)
        redactions += 1
        let after = try heads(of: register).0
        try countConflict(of: register.incident, before: before.isConflicted, after: after.isConflicted)
    }

    /// Tombstones a list item and blanks its text: in its register, and in every op held
    /// or waiting that wrote it; writes that arrive later are blanked as they land.
    ///
    /// - Complexity: reads the incident's list ops once (a redaction is rare).
    private mutating func redact(_ item: ItemID, of incident: Int64) throws {
        try SQLiteStatement(db, "INSERT OR IGNORE INTO redactions (incident, entry) VALUES (?, ?)")
            .bind(incident, item.bytes).run()
        anyRedaction = true
        try lists.remove(item, from: incident)
        try SQLiteStatement(db, "UPDATE item_values SET value = '' WHERE incident = ? AND item = ? AND field = ?")
            .bind(incident, item.bytes, StoredCodes.code(of: ItemField.text)).run()
        let statement = try SQLiteStatement(db, "SELECT replica, seq FROM log WHERE incident = ? AND kind IN (?, ?)")
            .bind(incident, StoredCodes.code(of: OperationKind.addItem), StoredCodes.code(of: OperationKind.setItem))
        var writes: [LogKey] = []
        while try statement.next() { writes.append(LogKey(replica: statement.int64(0), seq: statement.int64(1))) }
        for write in writes where try log.operation(at: write)?.payload.redactionTarget == item.bytes {
            try log.blankBody(at: write)
        }
        try log.blankPending(item.bytes, of: incident)
        redactions += 1
    }
}
