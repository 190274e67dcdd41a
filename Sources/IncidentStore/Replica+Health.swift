import GRDB
import IncidentCore

/// What `incident doctor` found: the file's integrity, whether the materialized state is
/// what the log replays to, ops stamped ahead of this machine's clock, ops waiting for
/// earlier ops, and what the last sync with each remote did.
public struct HealthReport: Sendable {
    /// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound file.
    public var integrity: [String] = []
    /// Rows of the materialized state that differ from a replay of the log (0: none).
    public var replayDifferences = 0
    /// Ops held whose clock is over `HealthReport.aheadThreshold` ahead of this machine's.
    public var aheadHeld = 0
    /// The furthest any op held or waiting is ahead, in milliseconds (0: none ahead).
    public var furthestAhead: Int64 = 0
    /// Ops waiting until this machine's clock nears their stamp (over a day ahead).
    public var waitingForClock = 0
    /// Ops waiting for earlier ops of their replica, by replica: the first seq missing.
    public var waitingForEarlier: [(replica: ReplicaID, firstMissing: Int64, waiting: Int)] = []
    public var remotes: [Remote] = []

    /// How far ahead of this machine's clock an op must be stamped to be reported.
    public static let aheadThreshold: Int64 = 5 * 60_000

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
                try Self.replay(log.allOperations(), in: db)
                let after = try Self.materializedState(in: db)
                report.replayDifferences = Set(before).symmetricDifference(after).count
                return .rollback
            }
        }
        return report
    }

    private static func checkClocks(of log: OperationLog, keys: Keys, at wall: Int64, into report: inout HealthReport)
        throws
    {
        let ahead = try SQLiteStatement(log.db, "SELECT count(*), max(wall) FROM log WHERE wall > ?")
            .bind(wall + HealthReport.aheadThreshold)
        _ = try ahead.next()
        report.aheadHeld = ahead.int(0)
        if report.aheadHeld > 0 { report.furthestAhead = ahead.int64(1) - wall }
        ahead.finish()
        let horizon = HybridLogicalClock.horizon(at: wall)
        var earliestWaiting: [ReplicaID: (seq: Int64, count: Int)] = [:]
        let pending = try SQLiteStatement(log.db, "SELECT operation FROM pending")
        while try pending.next() {
            let operation = try OperationCoding.decode(pending.bytes(0))
            if operation.hlc.wall > horizon {
                report.waitingForClock += 1
                report.furthestAhead = max(report.furthestAhead, operation.hlc.wall - wall)
            } else {
                let replica = operation.id.replica
                let known = earliestWaiting[replica]
                earliestWaiting[replica] = (min(known?.seq ?? .max, operation.id.seq), (known?.count ?? 0) + 1)
            }
        }
        for (replica, waiting) in earliestWaiting.sorted(by: { $0.key < $1.key }) {
            let held = try log.heldSeq(of: replica)
            report.waitingForEarlier.append((replica, held + 1, waiting.count))
        }
    }
}
