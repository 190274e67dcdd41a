import Benchmark
import Foundation
import GRDB
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
    (0..<count).map { NewEntry(at: 1_795_874_400_000 + Int64($0), kind: .event, text: "api 5xx climbing, line \($0)") }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 20)

    // The floor: the same number of rows of similar size, one prepared statement, one
    // transaction, in a WAL file; nothing incident does can be cheaper than this.
    Benchmark("SQLite floor: insert \(batch) rows in one transaction") { benchmark in
        let folder = NSTemporaryDirectory() + "incident-floor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pool = try DatabasePool(path: folder + "/floor.sqlite")
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY, at INTEGER, text TEXT) WITHOUT ROWID")
        }
        let rows = entries(batch)
        benchmark.startMeasurement()
        try pool.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO t (id, at, text) VALUES (?, ?, ?)")
            for (index, row) in rows.enumerated() {
                try statement.execute(arguments: [String(index), row.at, row.text])
            }
        }
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

    Benchmark("delta: 10 new ops over a \(batch)-op history") { benchmark in
        let (replica, id, folder) = try freshReplica()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try replica.log(entries(batch), to: id)
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
}
