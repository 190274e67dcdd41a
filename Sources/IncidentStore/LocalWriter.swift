import GRDB
import IncidentCore

/// Makes this replica's own ops inside one write transaction: the next seq, the
/// next clock value, the author; appends each to the log and materializes it.
struct LocalWriter {
    let db: Database
    let identity: ReplicaIdentity
    let keys: Keys
    private let log: OperationLog
    private var materializer: Materializer
    private var clock: HybridLogicalClock
    private var nextSeq: Int64
    /// The wall clock when the transaction began, in milliseconds since 1970 UTC.
    let wall: Int64
    /// The key this replica signs its run of ops with, as the transaction ends.
    private let key: ReplicaKey

    init(db: Database, wall: Int64) throws {
        guard let identity = try Replica.identity(in: db) else { throw StoreError.noReplica }
        keys = Keys(db: db)
        log = OperationLog(db: db, keys: keys)
        self.db = db
        self.identity = identity
        self.wall = wall
        materializer = try Materializer(db: db, keys: keys)
        clock = HybridLogicalClock(replica: identity.id, latest: try log.latestTimestamp())
        nextSeq = try log.heldSeq(of: identity.id) + 1
        guard let key = try Replica.key(in: db) else { throw StoreError.unreadableKey }
        self.key = key
    }

    /// Appends one op of this replica and applies it.
    ///
    /// - Parameters:
    ///   - isNewEntry: the op adds an entry under a fresh random id.
    ///   - author: whose name the op carries, when not this replica's (a promoted note
    ///     line keeps its author).
    @discardableResult
    mutating func append(
        _ payload: Payload, to incident: IncidentID, isNewEntry: Bool = false, author: String? = nil
    ) throws -> Operation {
        let operation = Operation(
            id: OperationID(replica: identity.id, seq: nextSeq), hlc: try clock.tick(wall: wall),
            author: author ?? identity.name,
            incident: incident, payload: payload)
        try operation.checkTextLimits()
        nextSeq += 1
        // This replica's chain starts with the first op it writes with its key.
        try log.chains.bindOwn(try keys.replica(identity.id), to: key, startingAt: operation.id.seq)
        let appended = try log.append(operation, anyRedaction: materializer.anyRedaction)
        _ = try materializer.apply(
            appended.operation, at: appended.key, earlierAdd: appended.earlierAdd, isNewEntry: isNewEntry)
        return appended.operation
    }

    /// The heads of a register of `incident` (`register` names it from the incident's
    /// key), as a new write must name them.
    func heads(of incident: IncidentID, _ register: (Int64) -> RegisterKey) throws -> RegisterHeads {
        guard let key = try keys.existingIncident(incident) else { return RegisterHeads([]) }
        return try materializer.heads(of: register(key)).0
    }

    /// The event time entry `entry` of `incident` stands at, if it is on the timeline.
    func eventTime(of entry: EntryID, in incident: IncidentID) throws -> Int64? {
        guard let key = try keys.existingIncident(incident) else { return nil }
        return try Replica.eventTime(of: entry, in: key, db: db)
    }

    /// Seals this replica's chain at the transaction's last op and keeps the clock's state:
    /// called once, when the transaction's ops are written.
    func finish() throws {
        if let latest = clock.latest { try log.advanceClock(to: latest) }
        let replica = try keys.replica(identity.id)
        if let (seq, seal) = try log.chains.sealOwn(replica, id: identity.id, with: key) {
            try log.keepSeal(seal, at: LogKey(replica: replica, seq: seq))
        }
        try log.chains.save()
    }
}

extension Replica {
    /// Runs `body` with a `LocalWriter` in one write transaction.
    ///
    /// - Parameter changingRoster: `body` changes the team's roster, which is settled in the
    ///   same transaction (`settleTeam`): the waiting ops an admit lets apply, apply; the ops
    ///   a removal refuses, wait.
    /// - Throws: `StoreError.keyExposed` when others may read the file, which holds this
    ///   replica's private key.
    func recording<T>(changingRoster: Bool = false, _ body: (inout LocalWriter) throws -> T) throws -> T {
        if let mode = keyExposure() { throw StoreError.keyExposed(path, mode: mode) }
        let wall = now()
        return try writer.write { db in
            var local = try LocalWriter(db: db, wall: wall)
            let result = try body(&local)
            try local.finish()
            if changingRoster {
                var report = ApplyReport()
                try Self.settleTeam(in: db, wall: wall, report: &report)
                try ReplicaChains.checkSealed(in: db, keys: Keys(db: db))
            }
            return result
        }
    }
}
