import GRDB
import IncidentCore

/// Reads an incident's timeline: one range scan of `timeline` in its key order,
/// which is the display order but for two refinements done here.
///
/// - Rows of equal event time and clock wall and counter (different replicas)
///   are ordered by replica id, then entry id: keys inside the file are local,
///   ids are the same everywhere.
/// - An entry whose text register has rows (`TimelineFlags.registerRows`) shows
///   its winning text.
struct TimelineReader {
    let db: Database
    let keys: Keys

    private struct Row {
        var at: Int64
        var wall: Int64
        var counter: Int64
        var replica: Int64
        var entry: TimelineEntry
        var flags: Int64
    }

    /// The timeline of the incident keyed `incident`, in order.
    ///
    /// - Complexity: O(entries), one range of the `timeline` key.
    func timeline(of incident: Int64) throws -> [TimelineEntry] {
        let statement = try SQLiteStatement(
            db,
            """
            SELECT at, wall, counter, replica, entry, kind, author, text, flags FROM timeline
            WHERE incident = ? ORDER BY at, wall, counter, replica, seq
            """
        ).bind(incident)
        var rows: [Row] = []
        var kinds: [Int64: EntryKind] = [:]
        while try statement.next() {
            guard let id = statement.withBytes(4, { EntryID(bytes: $0) }) else {
                statement.finish()
                throw CoreError.malformedOperation("unreadable timeline row")
            }
            let kindCode = statement.int64(5)
            let kind = try kinds[kindCode] ?? StoredCodes.entryKind(kindCode)
            kinds[kindCode] = kind
            let flags = statement.int64(8)
            rows.append(
                Row(
                    at: statement.int64(0), wall: statement.int64(1), counter: statement.int64(2),
                    replica: statement.int64(3),
                    entry: TimelineEntry(
                        id: id, at: statement.int64(0), author: try keys.authorName(statement.int64(6)), kind: kind,
                        text: statement.text(7), redacted: flags & TimelineFlags.redacted != 0),
                    flags: flags))
        }
        try orderTies(&rows)
        if rows.contains(where: { $0.flags & TimelineFlags.registerRows != 0 }) {
            try showRegisters(&rows, of: incident)
        }
        return rows.map(\.entry)
    }

    /// Orders runs of rows with equal (event time, wall, counter) by replica id, then entry id.
    private func orderTies(_ rows: inout [Row]) throws {
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].at == rows[start].at, rows[end].wall == rows[start].wall,
                rows[end].counter == rows[start].counter
            {
                end += 1
            }
            if end - start > 1 {
                let run = try rows[start..<end].map { (try keys.replicaID($0.replica), $0) }
                    .sorted { ($0.0, $0.1.entry.id) < ($1.0, $1.1.entry.id) }
                rows.replaceSubrange(start..<end, with: run.map(\.1))
            }
            start = end
        }
    }

    /// Shows the winning text of entries whose register has rows.
    private func showRegisters(_ rows: inout [Row], of incident: Int64) throws {
        let materializer = try Materializer(db: db, keys: keys)
        for index in rows.indices where rows[index].flags & TimelineFlags.registerRows != 0 {
            let entry = rows[index].entry
            let heads = try materializer.heads(of: .text(of: entry.id, in: incident)).0
            rows[index].entry.text = entry.redacted ? "" : heads.winner?.value ?? ""
        }
    }
}
