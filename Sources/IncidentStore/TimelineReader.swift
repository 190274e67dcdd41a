import GRDB
import IncidentCore

/// Reads an incident's timeline: one range scan of `timeline` in its key order,
/// which is the display order but for two refinements done as the rows stream by.
///
/// - Rows of equal event time and clock wall and counter (different replicas)
///   are ordered by replica id, then entry id: keys inside the file are local,
///   ids are the same everywhere.
/// - An entry whose text register has rows (`TimelineFlags.registerRows`) shows
///   its winning text.
struct TimelineReader {
    let db: Database
    let keys: Keys
    let names: WriterNames

    private struct Row {
        var at: Int64
        var wall: Int64
        var counter: Int64
        var replica: Int64
        var entry: TimelineEntry
        var flags: Int64
    }

    /// Calls `body` with each entry of the incident keyed `incident`, in order; only
    /// a run of entries with the same time is held in memory at once.
    ///
    /// - Complexity: O(entries), one range of the `timeline` key.
    func forEachEntry(of incident: Int64, _ body: (TimelineEntry) throws -> Void) throws {
        let statement = try SQLiteStatement(
            db,
            """
            SELECT at, wall, counter, replica, entry, kind, author, text, flags FROM timeline
            WHERE incident = ? ORDER BY at, wall, counter, replica, seq
            """
        ).bind(incident)
        let materializer = try Materializer(db: db, keys: keys)
        func emit(_ row: Row) throws {
            var entry = row.entry
            if row.flags & TimelineFlags.registerRows != 0 {
                let heads = try materializer.heads(of: .text(of: entry.id, in: incident)).0
                entry.text = entry.redacted ? "" : heads.winner?.value ?? ""
            }
            try body(entry)
        }
        var run: [Row] = []
        func emitRun() throws {
            if run.count == 1 {
                try emit(run.removeLast())  // the common case: moved out, nothing sorted or copied
                return
            }
            let sorted = try run.map { (try keys.replicaID($0.replica), $0) }
                .sorted { ($0.0, $0.1.entry.id) < ($1.0, $1.1.entry.id) }
            run.removeAll(keepingCapacity: true)
            for (_, row) in sorted { try emit(row) }
        }
        do {
            while try statement.next() {
                guard let id = statement.withBytes(4, { EntryID(bytes: $0) }) else {
                    throw CoreError.malformedOperation("unreadable timeline row")
                }
                let flags = statement.int64(8)
                let row = Row(
                    at: statement.int64(0), wall: statement.int64(1), counter: statement.int64(2),
                    replica: statement.int64(3),
                    entry: TimelineEntry(
                        id: id, at: statement.int64(0),
                        author: try names.name(ofReplicaKeyed: statement.int64(3), claimedKeyed: statement.int64(6)),
                        kind: try StoredCodes.entryKind(statement.int64(5)), text: statement.text(7),
                        redacted: flags & TimelineFlags.redacted != 0),
                    flags: flags)
                if let last = run.last, last.at != row.at || last.wall != row.wall || last.counter != row.counter {
                    try emitRun()
                }
                run.append(row)
            }
            try emitRun()
        } catch {
            statement.finish()
            throw error
        }
    }
}
