import Benchmark
import Foundation
import GRDBSQLite
import IncidentCore
import IncidentStore
import IncidentSync

/// How many rows, entries or ops each write benchmark handles per iteration.
let batch = 10_000

/// A fresh replica file (WAL) in a temporary folder, with one incident.
func freshReplica(_ name: String = "alice") throws -> (Replica, IncidentID, String) {
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("incident-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let replica = try Replica.open(path: (folder as NSString).appendingPathComponent("replica.sqlite"))
    try replica.initialize(name: name)
    let id = try replica.createIncident(title: "bench", severity: Severity(rawValue: 1)!)
    return (replica, id, folder)
}

func entries(_ count: Int) -> [NewEntry] {
    (0..<count).map {
        NewEntry(
            at: 1_795_874_400_000 + Int64($0), kind: .event, text: "api 5xx climbing on the search cluster, line \($0)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 20)

    // The floor: what SQLite itself needs for as many op rows, through its C API with
    // nothing above it (a 16-byte blob replica, integer seq and clock, a short kind,
    // a ~50-byte body, keyed (replica, seq), one transaction, WAL).
    Benchmark("SQLite floor: insert \(batch) op rows, C API") { benchmark in
        let folder = NSTemporaryDirectory() + "incident-floor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var connection: OpaquePointer?
        guard sqlite3_open(folder + "/floor.sqlite", &connection) == SQLITE_OK, let db = connection else { return }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA journal_mode = WAL", nil, nil, nil)
        sqlite3_exec(
            db,
            """
            CREATE TABLE ops (replica BLOB NOT NULL, seq INTEGER NOT NULL, clock INTEGER NOT NULL, kind TEXT NOT NULL,
                body TEXT NOT NULL, PRIMARY KEY (replica, seq)) WITHOUT ROWID
            """, nil, nil, nil)
        let rows = entries(batch)
        let replica = [UInt8](repeating: 0xab, count: 16)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        benchmark.startMeasurement()
        sqlite3_exec(db, "BEGIN", nil, nil, nil)
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO ops VALUES (?, ?, ?, ?, ?)", -1, &statement, nil)
        for (index, row) in rows.enumerated() {
            sqlite3_bind_blob(statement, 1, replica, 16, transient)
            sqlite3_bind_int64(statement, 2, Int64(index + 1))
            sqlite3_bind_int64(statement, 3, row.at)
            sqlite3_bind_text(statement, 4, "entry.add", -1, transient)
            sqlite3_bind_text(statement, 5, row.text, -1, transient)
            sqlite3_step(statement)
            sqlite3_reset(statement)
        }
        sqlite3_finalize(statement)
        sqlite3_exec(db, "COMMIT", nil, nil, nil)
        benchmark.stopMeasurement()
    }

    Benchmark("log \(batch) entries (incident log < file)") { benchmark in
        let (replica, id, folder) = try freshReplica()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = entries(batch)
        benchmark.startMeasurement()
        try replica.log(lines, to: id)
        benchmark.stopMeasurement()
    }

    Benchmark("apply \(batch) ops from another replica") { benchmark in
        let (source, id, sourceFolder) = try freshReplica("alice")
        defer { try? FileManager.default.removeItem(atPath: sourceFolder) }
        try source.log(entries(batch - 1), to: id)
        let operations = try source.allOperations()
        let (target, _, targetFolder) = try freshReplica("bob")
        defer { try? FileManager.default.removeItem(atPath: targetFolder) }
        benchmark.startMeasurement()
        try target.apply(operations)
        benchmark.stopMeasurement()
    }

    Benchmark("bundle create + apply, \(batch) ops") { benchmark in
        let (source, id, sourceFolder) = try freshReplica("alice")
        defer { try? FileManager.default.removeItem(atPath: sourceFolder) }
        try source.log(entries(batch - 1), to: id)
        let (target, _, targetFolder) = try freshReplica("bob")
        defer { try? FileManager.default.removeItem(atPath: targetFolder) }
        let path = targetFolder + "/all.bundle"
        benchmark.startMeasurement()
        try source.createBundle(at: path)
        _ = try target.applyBundle(at: path)
        benchmark.stopMeasurement()
    }

    for history in [batch, 10 * batch] {
        Benchmark("delta: 10 new ops over a \(history)-op history") { benchmark in
            try delta(over: history, benchmark)
        }
    }
}

/// Reads the 10 ops a peer lacks from a replica holding `history` more.
func delta(over history: Int, _ benchmark: Benchmark) throws {
    let (replica, id, folder) = try freshReplica()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try replica.log(entries(history), to: id)
    let peer = try replica.versionVector()
    try replica.log(entries(10), to: id)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        var count = 0
        try replica.forEachOperation(missingFrom: peer) { _ in count += 1 }
        precondition(count == 10)
    }
    benchmark.stopMeasurement()
}
