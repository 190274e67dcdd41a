import GRDB
import IncidentCore

/// The clock of the last op held of each replica: what a version vector cannot say.
///
/// Two replicas whose vectors agree on a replica's seq may still hold different ops
/// there: one replica file was copied (a restored backup, a cloned machine) and both
/// copies went on writing. The clocks of the ops at the seq they both hold tell them
/// apart, so every sync path can find a copy at the next exchange (`Healing`).
extension Replica {
    /// The version vector and, for each replica held, the clock of its op at the vector's
    /// seq, read together.
    ///
    /// - Complexity: two index seeks per replica.
    public func versionTips() throws -> (vector: VersionVector, tips: [ReplicaID: HybridTimestamp]) {
        try writer.read { db in
            let log = OperationLog(db: db, keys: Keys(db: db))
            let vector = try log.versionVector()
            var tips: [ReplicaID: HybridTimestamp] = [:]
            for (replica, seq) in vector.seqs where seq > 0 {
                tips[replica] = try log.timestamp(of: OperationID(replica: replica, seq: seq))
            }
            return (vector, tips)
        }
    }

    /// The replicas of which a peer holding `vector`, with `tips` the clocks of its ops at
    /// those seqs, holds a different op than this replica does at the same seq: their
    /// histories under that id differ.
    public func diverging(_ vector: VersionVector, tips: [ReplicaID: HybridTimestamp]) throws -> Set<ReplicaID> {
        try writer.read { db in
            let log = OperationLog(db: db, keys: Keys(db: db))
            var diverging: Set<ReplicaID> = []
            for (replica, tip) in tips {
                let seq = vector[replica]
                guard seq > 0, let held = try log.timestamp(of: OperationID(replica: replica, seq: seq)) else {
                    continue
                }
                if held != tip { diverging.insert(replica) }
            }
            return diverging
        }
    }

    /// Of `replicas`, those of which this replica does not hold the op a peer holding
    /// `vector` holds at its seq, with clock `tips`: missing here, or another.
    public func notHolding(_ vector: VersionVector, tips: [ReplicaID: HybridTimestamp], of replicas: Set<ReplicaID>)
        throws -> Set<ReplicaID>
    {
        try writer.read { db in
            let log = OperationLog(db: db, keys: Keys(db: db))
            return try replicas.filter { replica in
                let seq = vector[replica]
                guard seq > 0, let tip = tips[replica] else { return false }
                return try log.timestamp(of: OperationID(replica: replica, seq: seq)) != tip
            }
        }
    }
}
