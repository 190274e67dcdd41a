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
    /// Two different ops under one (replica, seq) mean that replica's file was copied (a
    /// restored backup, a cloned machine) and both copies wrote. One rule, the same on
    /// every replica, says which history keeps the id: the one whose op at the first seq
    /// where they differ was made first (the lower clock). The other moves to an id of its
    /// own (`HistoryMove`), on every replica alike, so nothing is lost; where it was held
    /// already, the state is rebuilt. The copy itself, on meeting the first history under
    /// its own id, goes on under the new id: it heals (`Healing`, in the report).
    ///
    /// Each op of a replica that signs extends its chain (`ReplicaChains`): an op forged
    /// under its id, changed on the way, or cut from the seal that covers it refuses the
    /// whole batch.
    ///
    /// Once this replica belongs to a team, an op applies only if the team's roster lets
    /// its writer write it (`TeamRoster`, `TeamGate`); any other waits, kept, as an op
    /// missing earlier ones does (`ApplyReport.waiting`), and applies once a member admits
    /// its writer. A batch that changes the roster settles it (`settleTeam`).
    ///
    /// - Throws: `StoreError.badSignature` or `.unsealedOperations` for ops that fail their
    ///   replica's chain; `StoreError.divergentOperation` only for ops that claim to be held
    ///   here already (a replay) and are not.
    @discardableResult
    public func apply(_ operations: [Operation]) throws -> ApplyReport {
        let report = try writer.write { db in
            let report = try Self.apply(operations, in: db, wall: now())
            try ReplicaChains.checkSealed(in: db, keys: Keys(db: db))
            return report
        }
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
    /// Ops of a replica signed by its own key over another history than the one held
    /// (`StoreError.splitHistory`: changed on the way, or written by a copy of its file after
    /// a split this batch does not reach) are left out, and the replica reported as
    /// diverging, so that the sync fetches its whole history, which places a copy's
    /// (`HistoryMove`).
    ///
    /// Leaving those ops out means undoing what the batch did, so a batch runs in a
    /// savepoint when it can meet a split: when it carries a seal, or ops wait in `pending`
    /// (a split is found only at a seal). Any other batch runs without one, since a savepoint
    /// copies each page it changes that was there before it, and a bulk apply changes the
    /// same pages batch after batch. Then an error leaves the batch half done: the caller's
    /// transaction must not commit after an error (none does).
    ///
    /// - Parameters:
    ///   - replaying: the ops are the log's own, applied again: the ops waiting in `pending`
    ///     stay there, as they were, and the clock stays where it is.
    ///   - ahead: digests of these ops hashed already, which their chains take as they are.
    @discardableResult
    static func apply(
        _ operations: [Operation], in db: Database, wall: Int64, replaying: Bool = false,
        ahead: PrecomputedDigests? = nil
    ) throws -> ApplyReport {
        var operations = operations
        var split: Set<ReplicaID> = []
        let mayMeetSplit = try !replaying && canMeetSplit(operations, in: db)
        while true {
            do {
                var report = ApplyReport()
                func applyAndSettle() throws {
                    report = try applyInOrder(operations, in: db, wall: wall, replaying: replaying, ahead: ahead)
                    if report.rosterChanges > 0, !replaying { try settleTeam(in: db, wall: wall, report: &report) }
                }
                if mayMeetSplit {
                    try db.inSavepoint {
                        try applyAndSettle()
                        return .commit
                    }
                } else {
                    try applyAndSettle()
                }
                if !replaying, report.deferred > 0 {
                    report.waiting = try waitingForAdmission(in: db)
                    report.deferred -= report.waiting.reduce(0) { $0 + $1.operations }
                }
                report.diverging.formUnion(split)
                report.otherHistories.formUnion(split)
                return report
            } catch StoreError.splitHistory(let replica) where !replaying && !split.contains(replica) {
                split.insert(replica)
                let held = try OperationLog(db: db, keys: Keys(db: db)).heldSeq(of: replica)
                operations.removeAll { $0.id.replica == replica && $0.id.seq > held }
            }
        }
    }

    /// Whether applying `operations` can find a split history (`StoreError.splitHistory`):
    /// only a seal can show one, on an op of the batch or on one waiting in `pending`.
    private static func canMeetSplit(_ operations: [Operation], in db: Database) throws -> Bool {
        try operations.contains { $0.seal != nil } || OperationLog(db: db, keys: Keys(db: db)).anyPending()
    }

    /// `apply(_:in:wall:replaying:)`'s work, in one savepoint or none: sorted by id, each op is a
    /// duplicate, a divergence, held for a gap, or appended and materialized.
    private static func applyInOrder(
        _ operations: [Operation], in db: Database, wall: Int64, replaying: Bool, ahead: PrecomputedDigests?
    ) throws -> ApplyReport {
        let horizon = HybridLogicalClock.horizon(at: wall)
        // The log's own ops, replayed, were let in already.
        let gate = replaying ? nil : try TeamGate(in: db)
        let keys = Keys(db: db)
        let log = OperationLog(db: db, keys: keys)
        log.chains.ahead = ahead
        var materializer = try Materializer(db: db, keys: keys)
        var report = ApplyReport()
        // Looked up once per replica and per batch, then kept as ops are appended.
        var held: [ReplicaID: Int64] = [:]
        var anyPending = try !replaying && log.anyPending()
        var latest: HybridTimestamp?
        // The histories of this batch that move to an id of their own, and their ops moved.
        var moving: [ReplicaID: HistoryMove] = [:]
        var moved: [Operation] = []
        // The replicas with ops held in this batch (their run waiting for the roster is checked).
        var heldForRoster: Set<ReplicaID> = []
        func applyMoved() throws {
            guard !moved.isEmpty else { return }
            try log.chains.save()
            let result = try apply(moved, in: db, wall: wall)
            report.moved += result.applied + result.deferred
            report.add(result)
            if result.applied > 0 { for move in moving.values { try note(move, in: db, wall: wall) } }
        }
        // Ops that an earlier version held for the clock, next in line of their replica.
        let ready = anyPending ? try log.takeNextInLine() : []
        let waitedAlready = Set(ready.map(\.id))
        // A batch read from a bundle or a segment comes sorted: then it is taken as it is,
        // since sorting moves every op, and an op is a large value.
        let arrived = ready.isEmpty ? operations : operations + ready
        let inOrder = zip(arrived, arrived.dropFirst()).allSatisfy { $0.id < $1.id }
        let sorted = inOrder ? arrived : arrived.sorted(by: { $0.id < $1.id })
        for (index, operation) in sorted.enumerated() {
            let replica = operation.id.replica
            let heldSeq = try held[replica] ?? log.heldSeq(of: replica)
            held[replica] = heldSeq
            if let move = moving[replica], move.covers(operation), !waitedAlready.contains(operation.id) {
                // Follows an op of this batch that moves: the same copy's history (an op that
                // waited here came from elsewhere, and may be of the other history).
                moved.append(move.moved(operation))
                continue
            }
            if operation.id.seq <= heldSeq {
                let heldStamp = try log.timestamp(of: operation.id)
                guard let heldStamp, heldStamp != operation.hlc else {
                    report.duplicates += 1
                    continue
                }
                guard !replaying, wall != .max else { throw StoreError.divergentOperation(operation.id.description) }
                report.diverging.insert(replica)
                if heldStamp < operation.hlc {
                    // The op held here was made first: the arriving one's history moves.
                    let move = HistoryMove(from: operation)
                    moving[replica] = move
                    moved.append(move.moved(operation))
                    continue
                }
                // The arriving op was made first: the history held here from its seq moves.
                if let latest { try log.advanceClock(to: latest) }
                try log.chains.save()  // the replay that moves it rebuilds every chain
                report.redactions = materializer.redactions
                let own = try identity(in: db)?.id == replica
                let (count, movedReport) = try moveHeldHistory(
                    of: replica, from: operation.id.seq, in: db, wall: wall)
                report.moved += count
                report.add(movedReport)
                report.applied -= movedReport.applied  // held already, under the old id
                if own, let new = try identity(in: db)?.id {
                    try LocalSettingRecord(
                        key: Healing.settingKey,
                        value: "\(replica.rawValue) \(new.rawValue) \(operation.id.seq) \(wall)"
                    ).insert(db, onConflict: .replace)
                    report.healed = Healing(old: replica, new: new, from: operation.id.seq, remade: count)
                }
                report.add(try apply(Array(sorted[index...]), in: db, wall: wall))
                try applyMoved()
                if own, let key = try key(in: db) { try succeed(replica, signedWith: key, in: db, wall: wall) }
                return report
            }
            guard operation.id.seq == heldSeq + 1, gate?.allows(operation.id) ?? true else {
                try log.hold(operation)
                anyPending = true
                if gate != nil, !waitedAlready.contains(operation.id) { heldForRoster.insert(replica) }
                // A roster op that waits changes the fold all the same; one that waited already does not.
                if operation.payload.isRosterChange, !waitedAlready.contains(operation.id) { report.rosterChanges += 1 }
                continue
            }
            var next: Operation? = operation
            var lastAppended = heldSeq
            while let current = next {
                let appended = try log.append(current, anyRedaction: materializer.anyRedaction)
                if try materializer.apply(appended.operation, at: appended.key, earlierAdd: appended.earlierAdd) {
                    report.conflicts += 1
                }
                report.applied += 1
                if current.payload.isRosterChange { report.rosterChanges += 1 }
                lastAppended = current.id.seq
                if current.hlc.wall > horizon {
                    report.stampedAhead += 1
                } else if latest.map({ $0 < current.hlc }) ?? true {
                    latest = current.hlc
                }
                let following = OperationID(replica: replica, seq: current.id.seq + 1)
                next = anyPending && gate?.allows(following) ?? true ? try log.takePending(after: current.id) : nil
            }
            held[replica] = lastAppended
        }
        // Ops that wait for the roster are checked as they arrive, not only when they apply:
        // a forged one refuses its transfer now, rather than the admit that would apply it.
        for replica in heldForRoster.sorted() {
            let next = OperationID(replica: replica, seq: try log.heldSeq(of: replica) + 1)
            guard gate?.allows(next) == false else { continue }  // waits for a gap, not the roster
            let key = try keys.replica(replica)
            try log.chains.checkWaiting(try log.waitingInLine(ofKey: key), ofKey: key, log: log)
        }
        if let latest, !replaying { try log.advanceClock(to: latest) }
        try log.chains.save()
        report.redactions = materializer.redactions
        report.deferred = anyPending ? try log.pendingCount() : 0
        try applyMoved()
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
