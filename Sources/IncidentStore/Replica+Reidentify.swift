import GRDB
import IncidentCore

extension Replica {
    /// Gives this replica a new id: for a replica file copied to a second machine (a
    /// restored backup, a cloned VM), which shares its id with the original, so that the
    /// ops each copy makes collide under one (replica, seq).
    ///
    /// This replica's ops under the old id from seq `from` on (where a sync found the copies
    /// diverge) are made again under the new id, with new seqs and clocks and the same
    /// incidents, entries and text, and the ops they overwrote renamed likewise; the old
    /// ones leave the log, as no peer holding the other copy's could take them. Earlier
    /// ops keep the old id: both copies and every peer hold them alike. One transaction.
    ///
    /// - Returns: the old id, the new id, and how many ops were made again.
    public func reidentify(remakingFrom from: Int64?) throws -> (old: ReplicaID, new: ReplicaID, remade: Int) {
        let wall = now()
        return try writer.write { db in try Self.reidentify(in: db, remakingFrom: from, wall: wall) }
    }

    /// `reidentify(remakingFrom:)` inside a transaction the caller holds.
    static func reidentify(in db: Database, remakingFrom from: Int64?, wall: Int64) throws
        -> (old: ReplicaID, new: ReplicaID, remade: Int)
    {
        guard let identity = try Self.identity(in: db) else { throw StoreError.noReplica }
        let all = try OperationLog(db: db, keys: Keys(db: db)).allOperations()
        let remade = all.filter { from != nil && $0.id.replica == identity.id && $0.id.seq >= from! }
        let left = Set(remade.map(\.id))
        try Self.replay(all.filter { !left.contains($0.id) }, in: db)
        let new = ReplicaID.random()
        try db.execute(sql: "UPDATE replica SET id = ?", arguments: [new.rawValue])
        var local = try LocalWriter(db: db, wall: wall)
        var renamed: [OperationID: OperationID] = [:]
        for operation in remade {
            let payload = operation.payload.renamingOverwrites { renamed[$0] ?? $0 }
            renamed[operation.id] = try local.append(payload, to: operation.incident).id
        }
        try local.finish()
        return (identity.id, new, remade.count)
    }
}
