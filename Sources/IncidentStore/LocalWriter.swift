import GRDB
import IncidentCore

/// Makes this replica's own ops inside one write transaction: the next seq, the
/// next clock value, the author; appends each to the log and materializes it.
struct LocalWriter {
    let db: Database
    let identity: ReplicaIdentity
    private var clock: HybridLogicalClock
    private var nextSeq: Int64
    private let wall: Int64

    init(db: Database, wall: Int64) throws {
        guard let identity = try Replica.identity(in: db) else { throw StoreError.noReplica }
        let log = OperationLog(db: db)
        self.db = db
        self.identity = identity
        self.wall = wall
        clock = HybridLogicalClock(replica: identity.id, latest: try log.latestTimestamp())
        nextSeq = try log.heldSeq(of: identity.id) + 1
    }

    /// Appends one op of this replica and applies it.
    @discardableResult
    mutating func append(_ payload: Payload, to incident: IncidentID) throws -> Operation {
        let operation = Operation(
            id: OperationID(replica: identity.id, seq: nextSeq), hlc: clock.tick(wall: wall), author: identity.name,
            incident: incident, payload: payload)
        nextSeq += 1
        let stored = try OperationLog(db: db).append(operation)
        try Materializer(db: db).apply(stored)
        return stored
    }
}
