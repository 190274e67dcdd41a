import GRDB
import IncidentCore

/// Reads the runbook's lists (notes, links, action items, alarms), the postmortem and who wrote to an
/// incident, for one incident or, in one query a list, for every incident of a listing.
struct ListReader {
    let db: Database
    let keys: Keys
    let names: WriterNames

    /// The lists of every incident (`incident` nil) or of one, by incident key.
    struct Lists {
        var links: [Int64: [Link]] = [:]
        var actions: [Int64: [ActionItem]] = [:]
        var alarms: [Int64: [Alarm]] = [:]
        var postmortems: [Int64: Postmortem] = [:]

        var isEmpty: Bool { links.isEmpty && actions.isEmpty && alarms.isEmpty && postmortems.isEmpty }

        func fill(_ incident: inout Incident, key: Int64) {
            incident.links = links[key] ?? []
            incident.actions = actions[key] ?? []
            incident.alarms = alarms[key] ?? []
            incident.postmortem = postmortems[key] ?? Postmortem()
        }
    }

    func lists(of incident: Int64?) throws -> Lists {
        var lists = Lists()
        try forEachItem(of: incident, in: .link) { key, item in
            guard !item.removed, let kind = LinkKind(rawValue: item.detail) else { return }
            lists.links[key, default: []].append(
                Link(id: item.id, url: item.text, kind: kind, author: item.author, added: item.added))
        }
        try forEachItem(of: incident, in: .action) { key, item in
            guard !item.removed else { return }
            lists.actions[key, default: []].append(
                ActionItem(
                    id: item.id, text: item.text, owner: item.detail, done: item.done == "yes", author: item.author,
                    added: item.added))
        }
        let alarms = try SQLiteStatement(
            db,
            """
            SELECT incident, name, silenced, until, author, replica FROM alarms
            WHERE ?1 IS NULL OR incident = ?1 ORDER BY incident, name
            """
        ).bind(incident)
        while try alarms.next() {
            lists.alarms[alarms.int64(0), default: []].append(
                Alarm(
                    name: alarms.text(1), silenced: alarms.int64(2) != 0,
                    until: alarms.isNull(3) ? nil : alarms.int64(3),
                    author: try writerName(alarms, replica: 5, author: 4)))
        }
        let postmortems = try SQLiteStatement(
            db, "SELECT incident, field, value FROM postmortems WHERE ?1 IS NULL OR incident = ?1"
        ).bind(incident)
        while try postmortems.next() {
            guard let field = try StoredCodes.field(postmortems.int64(1)) else { continue }
            var postmortem = lists.postmortems[postmortems.int64(0)] ?? Postmortem()
            if field == .summary {
                postmortem.summary = postmortems.text(2)
            } else if let number = (1...Postmortem.whyCount).first(where: { Postmortem.whyField($0) == field }) {
                postmortem.whys[number - 1] = postmortems.text(2)
            }
            lists.postmortems[postmortems.int64(0)] = postmortem
        }
        return lists
    }

    /// Every note line of the incident keyed `incident`, removed ones too, in no order
    /// (`NoteOrder` gives it).
    func noteLines(of incident: Int64) throws -> [NoteLine] {
        var lines: [NoteLine] = []
        try forEachItem(of: incident, in: .note) { _, item in
            lines.append(
                NoteLine(
                    id: item.id, after: item.after, inserted: item.added, author: item.author, text: item.text,
                    removed: item.removed))
        }
        return lines
    }

    /// Everyone who wrote to the incident keyed `incident`, by the name they show under
    /// (`WriterNames`), each once.
    func people(of incident: Int64) throws -> [String] {
        let statement = try SQLiteStatement(db, "SELECT replica, author FROM writers WHERE incident = ?")
            .bind(incident)
        var people: Set<String> = []
        while try statement.next() {
            people.insert(try names.name(ofReplicaKeyed: statement.int64(0), claimedKeyed: statement.int64(1)))
        }
        return people.sorted()
    }

    /// The name a row shows under, from its replica's id (bytes, at column `replica`) and
    /// the author key it claims (at column `author`).
    private func writerName(_ statement: SQLiteStatement, replica: Int32, author: Int32) throws -> String {
        names.name(
            of: ReplicaID(bytes: statement.bytes(replica)), claimed: try keys.authorName(statement.int64(author)))
    }

    private struct Item {
        var id: ItemID
        var after: ItemID?
        var added: HybridTimestamp
        var author: String
        var text: String
        var detail: String
        var done: String
        var removed: Bool
    }

    /// Calls `body` with each item of `list`, by incident, then in the order they were added.
    private func forEachItem(of incident: Int64?, in list: ItemList, _ body: (Int64, Item) throws -> Void) throws {
        let statement = try SQLiteStatement(
            db,
            """
            SELECT i.incident, i.item, i.after, i.wall, i.counter, i.replica, i.author,
                coalesce(t.value, ''), coalesce(o.value, ''), coalesce(d.value, 'no'),
                EXISTS (SELECT 1 FROM removed_items r WHERE r.incident = i.incident AND r.item = i.item)
            FROM items i
            LEFT JOIN item_values t ON t.incident = i.incident AND t.item = i.item AND t.field = ?3
            LEFT JOIN item_values o ON o.incident = i.incident AND o.item = i.item AND o.field = ?4
            LEFT JOIN item_values d ON d.incident = i.incident AND d.item = i.item AND d.field = ?5
            WHERE (?1 IS NULL OR i.incident = ?1) AND i.list = ?2
            ORDER BY i.incident, i.wall, i.counter, i.replica
            """
        ).bind(
            incident, StoredCodes.code(of: list), StoredCodes.code(of: ItemField.text),
            StoredCodes.code(of: ItemField.owner), StoredCodes.code(of: ItemField.done))
        while try statement.next() {
            guard let id = ItemID(bytes: statement.bytes(1)), let replica = ReplicaID(bytes: statement.bytes(5)) else {
                throw Keys.unreadable
            }
            let item = Item(
                id: id, after: statement.isNull(2) ? nil : ItemID(bytes: statement.bytes(2)),
                added: HybridTimestamp(
                    wall: statement.int64(3), counter: UInt32(clamping: statement.int64(4)), replica: replica),
                author: names.name(of: replica, claimed: try keys.authorName(statement.int64(6))),
                text: statement.text(7), detail: statement.text(8),
                done: statement.text(9), removed: statement.int64(10) != 0)
            do {
                try body(statement.int64(0), item)
            } catch {
                statement.finish()
                throw error
            }
        }
    }
}
