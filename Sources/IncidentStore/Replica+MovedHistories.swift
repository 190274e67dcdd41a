import GRDB
import IncidentCore

/// A history of a copied replica file moved here to an id of its own (`HistoryMove`):
/// for `doctor`.
public struct MovedHistory: Hashable, Sendable {
    /// The move: the id both copies wrote under, where they split, and the new id.
    public var move: HistoryMove
    /// How many ops of the moved history this replica holds.
    public var held: Int64
    /// This machine's clock when it last moved ops of it, in milliseconds.
    public var at: Int64
}

extension Replica {
    /// The histories of copied replica files moved here, oldest split first.
    public func movedHistories() throws -> [MovedHistory] {
        try writer.read { db in try Self.movedHistories(in: db) }
    }

    static func movedHistories(in db: Database) throws -> [MovedHistory] {
        let log = OperationLog(db: db, keys: Keys(db: db))
        let select = try SQLiteStatement(db, "SELECT replica, seq, moved_to, at FROM moved_histories ORDER BY at, seq")
        var found: [(HistoryMove, Int64)] = []
        while try select.next() {
            guard let replica = ReplicaID(bytes: select.bytes(0)), let destination = ReplicaID(bytes: select.bytes(2))
            else { continue }
            found.append(
                (
                    HistoryMove(replica: replica, seq: select.int64(1), destination: destination),
                    select.int64(3)
                ))
        }
        return try found.map { MovedHistory(move: $0.0, held: try log.heldSeq(of: $0.0.destination), at: $0.1) }
    }

    /// Notes that ops of `move` were moved here at `wall`.
    static func note(_ move: HistoryMove, in db: Database, wall: Int64) throws {
        try SQLiteStatement(
            db, "INSERT OR REPLACE INTO moved_histories (replica, seq, moved_to, at) VALUES (?, ?, ?, ?)"
        )
        .bind(move.replica.bytes, move.seq, move.destination.bytes, wall).run()
    }

    /// Moves the history held of `replica` from seq `from` on to an id of its own (a copy's,
    /// held before the one made first arrived), so that the first history's ops take their
    /// seqs. The state is rebuilt from the log without them, and the moved ops are applied
    /// as ops arriving, by the same rules. When `replica` is this replica's own id, this
    /// file is the copy: it goes on under the id its ops end under (moved again if a third
    /// copy went on under the new id first).
    ///
    /// - Returns: how many ops it moved, and what applying them did.
    /// - Complexity: O(ops held): a replay.
    static func moveHeldHistory(of replica: ReplicaID, from: Int64, in db: Database, wall: Int64) throws
        -> (moved: Int, report: ApplyReport)
    {
        let log = OperationLog(db: db, keys: Keys(db: db))
        let all = try log.allOperations()
        let held = all.filter { $0.id.replica == replica && $0.id.seq >= from }.sorted { $0.id < $1.id }
        guard let first = held.first else { throw StoreError.divergentOperation("\(replica.rawValue)/\(from)") }
        let move = HistoryMove(from: first)
        try replay(all.filter { !move.covers($0) }, in: db)
        try note(move, in: db, wall: wall)
        var ours = held.map(move.moved)
        let own = try identity(in: db)?.id == replica
        // This file is the copy: its moved ops are its own (a team's gate lets its own in).
        if own { try db.execute(sql: "UPDATE replica SET id = ?", arguments: [move.destination.rawValue]) }
        let report = try apply(ours, in: db, wall: wall)
        if own {
            var destination = move.destination
            while let moved = try ours.first(where: { try log.timestamp(of: $0.id) != $0.hlc }) {
                let further = HistoryMove(from: moved)
                ours = ours.filter(further.covers).map(further.moved)
                destination = further.destination
            }
            try db.execute(sql: "UPDATE replica SET id = ?", arguments: [destination.rawValue])
        }
        return (held.count, report)
    }
}
