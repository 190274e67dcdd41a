import GRDB
import IncidentCore

extension Replica {
    /// Gives this replica a new id, by hand (`incident init --new-id`): for a replica file
    /// copied to a second machine that has not met the other copy yet.
    ///
    /// With `from`, this replica's ops under the old id from that seq on move to the new
    /// id as any copy's history moves when it meets the first (`HistoryMove`: the same
    /// clocks, incidents, entries and text, under an id derived from them, the same on every
    /// replica that moves them); earlier ops keep the old id. Without, or with nothing
    /// held from that seq, the id is a new key's (`KeyFingerprint`) and no op moves. In a
    /// team, the new id takes the old one's place on the roster by a succession signed with
    /// the old key (`SucceedMember`). One transaction.
    ///
    /// - Returns: the old id, the new id, and how many ops moved.
    public func reidentify(remakingFrom from: Int64?) throws -> (old: ReplicaID, new: ReplicaID, remade: Int) {
        let wall = now()
        return try writer.write { db in
            guard let identity = try Self.identity(in: db) else { throw StoreError.noReplica }
            let held = try OperationLog(db: db, keys: Keys(db: db)).heldSeq(of: identity.id)
            guard let oldKey = try Self.key(in: db) else { throw StoreError.unreadableKey }
            if let from, from <= held {
                let (moved, _) = try Self.moveHeldHistory(of: identity.id, from: max(1, from), in: db, wall: wall)
                guard let now = try Self.identity(in: db) else { throw StoreError.noReplica }
                try Self.succeed(identity.id, signedWith: oldKey, in: db, wall: wall)
                return (identity.id, now.id, moved)
            }
            // A new id is a new key's: the copy no longer signs as the file it was copied from.
            let key = ReplicaKey(from: randomBits)
            let new = key.fingerprint.replicaID
            try db.execute(sql: "UPDATE replica SET id = ?", arguments: [new.rawValue])
            try Self.keep(key, in: db)
            try Self.succeed(identity.id, signedWith: oldKey, in: db, wall: wall)
            return (identity.id, new, 0)
        }
    }
}
