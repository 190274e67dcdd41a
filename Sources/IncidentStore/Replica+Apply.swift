import GRDB
import IncidentCore

extension Replica {
    /// Applies ops made anywhere (other replicas' or this one's own, again), in one
    /// transaction: all of them or, on an error, none.
    ///
    /// Idempotent and order-independent: an op already held is a duplicate; an op
    /// whose replica's earlier ops are missing waits in `pending_ops` and is applied
    /// once they arrive, so no op is ever visible before the ops before it.
    ///
    /// - Throws: `StoreError.divergentOperation` when an op reuses the id of a
    ///   different op held here; nothing is applied then.
    @discardableResult
    public func apply(_ operations: [Operation]) throws -> ApplyReport {
        try writer.write { db in try Self.apply(operations, in: db) }
    }

    /// `apply(_:)` inside a transaction the caller already holds.
    static func apply(_ operations: [Operation], in db: Database) throws -> ApplyReport {
        let log = OperationLog(db: db)
        let materializer = Materializer(db: db)
        var report = ApplyReport()
        // Looked up once per replica and per batch, then kept as ops are appended.
        var held: [ReplicaID: Int64] = [:]
        var anyPending = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_ops)") ?? false
        for operation in operations.sorted(by: { $0.id < $1.id }) {
            let replica = operation.id.replica
            let heldSeq = try held[replica] ?? log.heldSeq(of: replica)
            if operation.id.seq <= heldSeq {
                guard try log.timestamp(of: operation.id) == operation.hlc else {
                    throw StoreError.divergentOperation(operation.id.description)
                }
                report.duplicates += 1
                held[replica] = heldSeq
                continue
            }
            guard operation.id.seq == heldSeq + 1 else {
                try log.hold(operation)
                anyPending = true
                held[replica] = heldSeq
                continue
            }
            var next: Operation? = operation
            while let current = next {
                let stored = try log.append(current)
                try materializer.apply(stored)
                if try materializer.leavesConflict(stored) { report.conflicts += 1 }
                report.applied += 1
                held[replica] = current.id.seq
                next = anyPending ? try log.takePending(after: current.id) : nil
            }
        }
        report.deferred = anyPending ? try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_ops") ?? 0 : 0
        return report
    }

    /// The version vector: for each replica, the highest seq held with none missing.
    public func versionVector() throws -> VersionVector {
        try writer.read { db in try OperationLog(db: db).versionVector() }
    }

    /// Every op held, in log order: for tests, replay and full exports.
    public func allOperations() throws -> [Operation] {
        try writer.read { db in try OperationLog(db: db).allOperations() }
    }
}
