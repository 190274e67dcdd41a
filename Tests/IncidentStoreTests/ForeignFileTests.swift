import Foundation
import GRDB
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// Files that are not this version's replicas are refused, and left as they were.
@Suite struct ForeignFileTests {
    @Test func anotherApplicationsDatabaseIsRefusedUnchanged() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("photos.sqlite")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE photo (id INTEGER PRIMARY KEY)") }
        #expect(throws: StoreError.notAReplica) { try Replica.open(path: path) }
        #expect(throws: StoreError.notAReplica) { try Replica.openExisting(path: path) }
        let (tables, journal) = try DatabaseQueue(path: path).read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
        #expect(tables == ["photo"])
        #expect(journal == "delete")
    }

    @Test func aReplicaANewerVersionMigratedIsRefusedUnchanged() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("replica.sqlite")
        let replica = try Replica.open(path: path)
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.newerReplica) { try Replica.open(path: path) }
        try queue.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v99%'") }
        #expect(try Replica.open(path: path).incident(id).title == "t")
    }
}
