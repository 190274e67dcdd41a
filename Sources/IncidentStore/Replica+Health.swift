import GRDB
import IncidentCore

/// What `incident doctor` found: the file's integrity, whether the materialized state is
/// what the log replays to, ops stamped ahead of this machine's clock, ops waiting for
/// earlier ops, the histories of copied replica files moved, and what the last sync with each
/// remote did.
public struct HealthReport: Sendable {
    /// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound file.
    public var integrity: [String] = []
    /// Rows of the materialized state that differ from a replay of the log (0: none).
    public var replayDifferences = 0
    /// Ops held whose clock is over `HealthReport.aheadThreshold` ahead of this machine's,
    /// furthest ahead first (at most `listedAhead` of them).
    public var stampedAhead: [StampedAhead] = []
    /// How many ops held are stamped over `aheadThreshold` ahead, listed or not.
    public var stampedAheadCount = 0
    /// Ops waiting for earlier ops of their replica, by replica: the first seq missing.
    public var waitingForEarlier: [(replica: ReplicaID, firstMissing: Int64, waiting: Int)] = []
    /// The team's roster, once this replica belongs to a team.
    public var team: TeamRoster?
    /// The replicas whose ops wait for the roster to let them apply (not in `waitingForEarlier`).
    public var waitingForAdmission: [WaitingReplica] = []
    /// The histories of copied replica files moved here to ids of their own.
    public var movedHistories: [MovedHistory] = []
    /// The replicas whose ops here are chained and sealed (`ReplicaChains`), and the seq each
    /// chain starts at: this one's own among them once it has written with its key.
    public var signing: [(replica: ReplicaID, chainStart: Int64)] = []
    /// The replicas whose ops are held here but that have never signed: their ops were
    /// taken on trust (a replica not yet upgraded, or one never met signing).
    public var neverSigned: [ReplicaID] = []
    public var remotes: [Remote] = []

    /// How far ahead of this machine's clock an op must be stamped to be reported.
    public static let aheadThreshold: Int64 = 5 * 60_000
    /// How many of the ops stamped ahead the report names.
    public static let listedAhead = 20

    /// An op stamped ahead of this machine's clock: who wrote it, where, and how far ahead.
    public struct StampedAhead: Hashable, Sendable {
        public var operation: OperationID
        public var author: String
        public var incident: IncidentID
        /// How far its stamp is ahead of this machine's clock, in milliseconds.
        public var ahead: Int64
    }

    public var isHealthy: Bool {
        integrity == ["ok"] && replayDifferences == 0
    }
}

extension Replica {
    /// Checks the replica without changing it: the replay runs in a transaction that is
    /// rolled back.
    ///
    /// - Complexity: O(ops held); the log is held in memory for the replay.
    public func checkHealth() throws -> HealthReport {
        let wall = now()
        var report = HealthReport()
        report.remotes = try remotes()
        try writer.writeWithoutTransaction { db in
            report.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            try db.inTransaction(.immediate) {
                let before = try Self.materializedState(in: db)
                let keys = Keys(db: db)
                let log = OperationLog(db: db, keys: keys)
                try Self.checkClocks(of: log, keys: keys, at: wall, into: &report)
                report.movedHistories = try Self.movedHistories(in: db)
                report.team = try TeamGate(in: db).roster
                report.waitingForAdmission = try Self.waitingForAdmission(in: db)
                let admitting = Set(report.waitingForAdmission.map(\.replica))
                report.waitingForEarlier.removeAll { admitting.contains($0.replica) }
                try Self.checkSigning(keys: keys, in: db, into: &report)
                try Self.replay(log.allOperations(), in: db)
                let after = try Self.materializedState(in: db)
                report.replayDifferences = Set(before).symmetricDifference(after).count
                return .rollback
            }
        }
        return report
    }

    private static func checkSigning(keys: Keys, in db: Database, into report: inout HealthReport) throws {
        let statement = try SQLiteStatement(
            db,
            """
            SELECT r.key, c.start FROM replica_keys r LEFT JOIN chains c ON c.replica = r.key
            WHERE EXISTS (SELECT 1 FROM log WHERE log.replica = r.key)
            """)
        var rows: [(key: Int64, start: Int64?)] = []
        while try statement.next() { rows.append((statement.int64(0), statement.isNull(1) ? nil : statement.int64(1))) }
        for (key, start) in rows {
            let replica = try keys.replicaID(key)
            if let start { report.signing.append((replica, start)) } else { report.neverSigned.append(replica) }
        }
        report.signing.sort { $0.replica < $1.replica }
        report.neverSigned.sort()
    }

    private static func checkClocks(of log: OperationLog, keys: Keys, at wall: Int64, into report: inout HealthReport)
        throws
    {
        let count = try SQLiteStatement(log.db, "SELECT count(*) FROM log WHERE wall > ?")
            .bind(wall + HealthReport.aheadThreshold)
        _ = try count.next()
        report.stampedAheadCount = count.int(0)
        count.finish()
        let ahead = try SQLiteStatement(
            log.db, "SELECT replica, seq FROM log WHERE wall > ? ORDER BY wall DESC, replica, seq LIMIT ?"
        )
        .bind(wall + HealthReport.aheadThreshold, Int64(HealthReport.listedAhead))
        var aheadKeys: [LogKey] = []
        while try ahead.next() { aheadKeys.append(LogKey(replica: ahead.int64(0), seq: ahead.int64(1))) }
        for key in aheadKeys {
            guard let operation = try log.operation(at: key) else { continue }
            report.stampedAhead.append(
                HealthReport.StampedAhead(
                    operation: operation.id, author: operation.author, incident: operation.incident,
                    ahead: operation.hlc.wall - wall))
        }
        var earliestWaiting: [ReplicaID: (seq: Int64, count: Int)] = [:]
        let pending = try SQLiteStatement(log.db, "SELECT operation FROM pending")
        while try pending.next() {
            let operation = try OperationCoding.decode(pending.bytes(0))
            let replica = operation.id.replica
            let known = earliestWaiting[replica]
            earliestWaiting[replica] = (min(known?.seq ?? .max, operation.id.seq), (known?.count ?? 0) + 1)
        }
        for (replica, waiting) in earliestWaiting.sorted(by: { $0.key < $1.key }) {
            let held = try log.heldSeq(of: replica)
            report.waitingForEarlier.append((replica, held + 1, waiting.count))
        }
    }
}
