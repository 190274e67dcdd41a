import GRDB
import IncidentCore

/// What `editNotes` changed.
public struct NotesChange: Hashable, Sendable {
    public var inserted = 0
    public var edited = 0
    public var removed = 0

    public init() {}

    /// Whether nothing changed: then nothing was written.
    public var isEmpty: Bool { inserted + edited + removed == 0 }
}

/// The shared notes: lines any maintainer adds, edits, removes and promotes to the
/// timeline, merged as a sequence (`NoteOrder`). Lines are named by their number in
/// the order `notes` prints, from 1, as people see them.
extension Replica {
    /// The incident's note lines in order, removed ones left out; or, with `removed`,
    /// the removed ones alone (numbered apart, for `notes redact --removed`).
    public func notes(of incident: IncidentID, removed: Bool = false) throws -> [NoteLine] {
        try writer.read { db in
            let keys = Keys(db: db)
            guard let key = try keys.existingIncident(incident) else { return [] }
            let lines = try ListReader(db: db, keys: keys, names: WriterNames(in: db, keys: keys)).noteLines(of: key)
            return removed ? NoteOrder.removed(lines) : NoteOrder.visible(lines)
        }
    }

    /// Adds a line: after line `after` (0: at the top), or at the end when `nil`.
    ///
    /// - Returns: the new line's number.
    /// - Throws: `StoreError.noSuchItem` for a line number not there; nothing is written then.
    @discardableResult
    public func addNote(_ text: String, after: Int? = nil, to incident: IncidentID) throws -> Int {
        let text = try Self.noteText(text)
        return try recording { local in
            let lines = try Self.visibleNotes(of: incident, in: local)
            let place = after ?? lines.count
            guard (0...lines.count).contains(place) else {
                throw StoreError.noSuchItem(.note, number: place, count: lines.count)
            }
            let anchor = place == 0 ? nil : lines[place - 1].id
            try local.append(
                .addItem(AddItem(item: .random(from: randomBits), list: .note, after: anchor, text: text)), to: incident
            )
            return place + 1
        }
    }

    /// Removes line `number`.
    public func removeNote(_ number: Int, of incident: IncidentID) throws {
        try recording { local in
            let line = try Self.note(number, of: incident, in: local)
            try local.append(.removeItem(RemoveItem(item: line.id)), to: incident)
        }
    }

    /// Redacts note line `number` (as `notes` numbers them): it leaves the notes, and its
    /// text and the texts of its edits are blanked here at once, and everywhere the
    /// redaction syncs. It cannot be undone.
    ///
    /// - Returns: the line as it was, to say what was redacted.
    /// - Parameter removed: `number` counts the removed lines (`notes(of:removed:)`): a line
    ///   removed with its secret still in it.
    @discardableResult
    public func redactNote(_ number: Int, removed: Bool = false, of incident: IncidentID) throws -> NoteLine {
        let line = try recording { local in
            let line = try Self.note(number, of: incident, removed: removed, in: local)
            try local.append(.redactItem(RedactItem(item: line.id)), to: incident)
            return line
        }
        checkpointAfterRedaction()
        return line
    }

    /// Makes the notes read `texts`, one a line: the lines kept stay as they are, lines
    /// changed in place are edits, the rest removals and inserts (`LineDiff`), all in
    /// one transaction. Blank lines are left out.
    ///
    /// - Parameter base: the lines `texts` was edited from (what an editor was given);
    ///   lines that arrived from others since are left as they are. Default: the notes now.
    @discardableResult
    public func editNotes(of incident: IncidentID, from base: [NoteLine]? = nil, to texts: [String]) throws
        -> NotesChange
    {
        let texts = texts.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        for text in texts { try TextLimit.check(text, what: "a note line") }
        return try recording { local in
            let lines = try base ?? Self.visibleNotes(of: incident, in: local)
            let diff = LineDiff.lines(from: lines.map(\.text), to: texts)
            var change = NotesChange()
            var previous: ItemID?
            for line in diff.lines {
                switch line {
                case .kept(let index):
                    previous = lines[index].id
                case .edited(let index, let text):
                    try local.append(.setItem(SetItem(item: lines[index].id, field: .text, value: text)), to: incident)
                    previous = lines[index].id
                    change.edited += 1
                case .inserted(let text):
                    let id = ItemID.random(from: randomBits)
                    try local.append(
                        .addItem(AddItem(item: id, list: .note, after: previous, text: text)), to: incident)
                    previous = id
                    change.inserted += 1
                }
            }
            for index in diff.removed {
                try local.append(.removeItem(RemoveItem(item: lines[index].id)), to: incident)
                change.removed += 1
            }
            return change
        }
    }

    /// Makes line `number` a timeline entry, once: its author, its time and its text,
    /// under an id derived from the line's (`NoteLine.promotedEntryID`), so replicas
    /// that promote the same line make one entry. The entry is recorded in the name of
    /// the line's author.
    ///
    /// - Throws: `StoreError.alreadyPromoted` when the line is on the timeline already.
    @discardableResult
    public func promoteNote(_ number: Int, of incident: IncidentID) throws -> EntryID {
        try recording { local in
            let line = try Self.note(number, of: incident, in: local)
            let entry = line.promotedEntryID
            guard let key = try local.keys.existingIncident(incident) else {
                throw StoreError.unknownIncident(incident.rawValue)
            }
            let present = try SQLiteStatement(local.db, "SELECT 1 FROM timeline WHERE incident = ? AND entry = ?")
                .bind(key, entry.bytes)
            defer { present.finish() }
            guard try !present.next() else { throw StoreError.alreadyPromoted(line: number) }
            try local.append(
                .addEntry(AddEntry(entry: entry, at: line.at, kind: .event, text: line.text)), to: incident,
                author: line.author)
            return entry
        }
    }

    /// The lines of `lines` that are on the timeline, read in one transaction.
    public func promoted(_ lines: [NoteLine], in incident: IncidentID) throws -> Set<ItemID> {
        try writer.read { db in
            guard let key = try Keys(db: db).existingIncident(incident) else { return [] }
            let statement = try SQLiteStatement(db, "SELECT 1 FROM timeline WHERE incident = ? AND entry = ?")
            var promoted: Set<ItemID> = []
            for line in lines {
                statement.bind(key, line.promotedEntryID.bytes)
                if try statement.next() { promoted.insert(line.id) }
                statement.finish()
            }
            return promoted
        }
    }

    private static func noteText(_ text: String) throws -> String {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { throw CoreError.emptyText(what: "the note line") }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw CoreError.controlCharacter(what: "a note line")
        }
        return text
    }

    static func visibleNotes(of incident: IncidentID, removed: Bool = false, in local: LocalWriter) throws
        -> [NoteLine]
    {
        guard let key = try local.keys.existingIncident(incident) else {
            throw StoreError.unknownIncident(incident.rawValue)
        }
        let lines = try ListReader(db: local.db, keys: local.keys, names: WriterNames(in: local.db, keys: local.keys))
            .noteLines(of: key)
        return removed ? NoteOrder.removed(lines) : NoteOrder.visible(lines)
    }

    private static func note(_ number: Int, of incident: IncidentID, removed: Bool = false, in local: LocalWriter)
        throws -> NoteLine
    {
        let lines = try visibleNotes(of: incident, removed: removed, in: local)
        guard (1...max(1, lines.count)).contains(number), number <= lines.count else {
            throw StoreError.noSuchItem(.note, number: number, count: lines.count)
        }
        return lines[number - 1]
    }
}
