import GRDB
import IncidentCore

extension Replica {
    /// Applies ops made anywhere (other replicas' or this one's own, again), in one
    /// transaction: all of them or, on an error, none.
    ///
    /// Idempotent and order-independent: an op already held is a duplicate; an op
    /// whose replica's earlier ops are missing waits in `pending` and is applied
    /// once they arrive, so no op is ever visible before the ops before it. An op
    /// stamped more than `HybridLogicalClock.maximumLead` ahead of this replica's
    /// wall clock is applied and shown at once (a teammate whose clock is wrong must
    /// not disappear), but this replica's clock does not follow it.
    ///
    /// An op under this replica's own id that differs from the one held here means this
    /// file is a copy of another (a restored backup, a cloned machine): it heals itself
    /// (`Healing`, in the report), and nothing is lost.
    ///
    /// - Throws: `StoreError.divergentOperation` when an op reuses the id of a
    ///   different op of another replica held here; nothing is applied then.
    @discardableResult
    public func apply(_ operations: [Operation]) throws -> ApplyReport {
        let report = try writer.write { db in try Self.apply(operations, in: db, wall: now()) }
        if report.redactions > 0 { checkpointAfterRedaction() }
        return report
    }

    /// Moves every committed page into the file and empties the write-ahead log, so that
    /// text a redaction blanked is left in neither (with `secure_delete`, freed space is
    /// zeroed too). Best effort: a reader in another process can hold the log a while.
    func checkpointAfterRedaction() {
        try? writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// `apply(_:)` inside a transaction the caller already holds, at wall time `wall`
    /// (`Int64.max` when applying ops held already, which never heals); the clock follows
    /// the ops stamped up to `HybridLogicalClock.horizon(at: wall)`, and no later one.
    ///
    /// - Parameter replaying: the ops are the log's own, applied again: the ops waiting in
    ///   `pending` stay there, as they were, and the clock stays where it is.
    @discardableResult
    static func apply(_ operations: [Operation], in db: Database, wall: Int64, replaying: Bool = false) throws
        -> ApplyReport
    {
        let horizon = HybridLogicalClock.horizon(at: wall)
        let keys = Keys(db: db)
        let log = OperationLog(db: db, keys: keys)
        var materializer = try Materializer(db: db, keys: keys)
        var report = ApplyReport()
        // Looked up once per replica and per batch, then kept as ops are appended.
        var held: [ReplicaID: Int64] = [:]
        var anyPending = try !replaying && log.anyPending()
        var latest: HybridTimestamp?
        // Ops that an earlier version held for the clock, next in line of their replica.
        let ready = anyPending ? try log.takeNextInLine() : []
        let sorted = (operations + ready).sorted(by: { $0.id < $1.id })
        for (index, operation) in sorted.enumerated() {
            let replica = operation.id.replica
            let heldSeq = try held[replica] ?? log.heldSeq(of: replica)
            held[replica] = heldSeq
            if operation.id.seq <= heldSeq {
                guard try log.timestamp(of: operation.id) == operation.hlc else {
                    guard !replaying, wall != .max, try identity(in: db)?.id == replica else {
                        throw StoreError.divergentOperation(operation.id.description)
                    }
                    // This file is a copy: take the other's ops under the old id, remake ours.
                    let (old, new, remade) = try reidentify(in: db, remakingFrom: operation.id.seq, wall: wall)
                    try LocalSettingRecord(
                        key: Healing.settingKey, value: "\(old.rawValue) \(new.rawValue) \(operation.id.seq) \(wall)"
                    ).insert(db, onConflict: .replace)
                    report.redactions = materializer.redactions
                    report.add(try apply(Array(sorted[index...]), in: db, wall: wall))
                    report.healed = Healing(old: old, new: new, from: operation.id.seq, remade: remade)
                    return report
                }
                report.duplicates += 1
                continue
            }
            guard operation.id.seq == heldSeq + 1 else {
                try log.hold(operation)
                anyPending = true
                continue
            }
            var next: Operation? = operation
            while let current = next {
                let appended = try log.append(current, anyRedaction: materializer.anyRedaction)
                if try materializer.apply(appended.operation, at: appended.key, earlierAdd: appended.earlierAdd) {
                    report.conflicts += 1
                }
                report.applied += 1
                held[replica] = current.id.seq
                if current.hlc.wall > horizon {
                    report.stampedAhead += 1
                } else if latest.map({ $0 < current.hlc }) ?? true {
                    latest = current.hlc
                }
                next = anyPending ? try log.takePending(after: current.id) : nil
            }
        }
        if let latest, !replaying { try log.advanceClock(to: latest) }
        report.redactions = materializer.redactions
        report.deferred = anyPending ? try log.pendingCount() : 0
        return report
    }

    /// The version vector: for each replica, the highest seq held with none missing.
    public func versionVector() throws -> VersionVector {
        try writer.read { db in try OperationLog(db: db, keys: Keys(db: db)).versionVector() }
    }

    /// Every op held, in log order: for tests, replay and full exports.
    public func allOperations() throws -> [Operation] {
        try writer.read { db in try OperationLog(db: db, keys: Keys(db: db)).allOperations() }
    }
}
