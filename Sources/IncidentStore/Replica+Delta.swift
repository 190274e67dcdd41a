import GRDB
import IncidentCore

extension Replica {
    /// Calls `body` with every op held that `vector` lacks, replica by replica in seq order.
    ///
    /// Reads through a cursor, in one read transaction, so memory stays flat
    /// however many ops there are.
    ///
    /// - Complexity: O(ops sent + replicas): one index range per replica, no full scan.
    public func forEachOperation(missingFrom vector: VersionVector, _ body: (Operation) throws -> Void) throws {
        try writer.read { db in
            let log = OperationLog(db: db, keys: Keys(db: db))
            let held = try log.versionVector()
            for replica in held.seqs.keys.sorted() where held[replica] > vector[replica] {
                try Self.forEachOperation(of: replica, after: vector[replica], in: log, body)
            }
        }
    }

    /// Calls `body` with every op held of `replica` with a seq above `seq` and at most
    /// `last`, in seq order.
    public func forEachOperation(
        of replica: ReplicaID, after seq: Int64, through last: Int64 = .max, _ body: (Operation) throws -> Void
    ) throws {
        try writer.read { db in
            try Self.forEachOperation(
                of: replica, after: seq, through: last, in: OperationLog(db: db, keys: Keys(db: db)), body)
        }
    }

    private static func forEachOperation(
        of replica: ReplicaID, after seq: Int64, through last: Int64 = .max, in log: OperationLog,
        _ body: (Operation) throws -> Void
    ) throws {
        guard let key = try log.keys.existingReplica(replica) else { return }
        try log.forEachOperation(ofKey: key, after: seq, through: last, body)
    }

    /// Runs `body` inside one write transaction, handing it a function that applies a
    /// batch of ops; all of it is kept, or, if `body` throws, none.
    ///
    /// Sync uses it to apply a streamed bundle batch by batch and still reject it whole
    /// when its trailer does not match. A batch may come with the digests of its ops,
    /// hashed ahead (`PrecomputedDigests`).
    public func applyInOneTransaction<T>(
        _ body: (_ apply: ([Operation], PrecomputedDigests?) throws -> ApplyReport) throws -> T
    ) throws -> T {
        var redactions = 0
        let result = try writer.write { db in
            let wall = now()
            let result = try body { operations, ahead in
                let report = try Replica.apply(operations, in: db, wall: wall, ahead: ahead)
                redactions += report.redactions
                return report
            }
            // A run may span batches: only the whole transaction must end where seals cover it.
            try ReplicaChains.checkSealed(in: db, keys: Keys(db: db))
            return result
        }
        if redactions > 0 { checkpointAfterRedaction() }
        return result
    }
}
