import Foundation
import GRDB
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// `checkHealth()`, what `incident doctor` reports: each finding when it is there, nothing
/// changed by looking.
@Suite struct HealthCheckTests {
    static let peer = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!

    static func peerCreate(seq: Int64, wall: Int64) -> IncidentCore.Operation {
        IncidentCore.Operation(
            id: OperationID(replica: peer, seq: seq), hlc: HybridTimestamp(wall: wall, counter: 0, replica: peer),
            author: "mallory", incident: IncidentID.random(),
            payload: .createIncident(
                CreateIncident(title: "peer's", severity: Severity(rawValue: 2)!, lead: nil, at: wall)))
    }

    @Test func aSoundReplicaIsHealthyAndLookingChangesNothing() throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try replica.addNote("a line", to: id)
        let before = try replica.materializedState()
        let report = try replica.checkHealth()
        #expect(report.isHealthy)
        #expect(report.integrity == ["ok"])
        #expect(report.stampedAheadCount == 0 && report.stampedAhead.isEmpty && report.waitingForEarlier.isEmpty)
        #expect(try replica.materializedState() == before)
    }

    @Test func opsAheadAndOpsWaitingForEarlierOnesAreReported() throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        try replica.initialize(name: "alice")
        let hour: Int64 = 3_600_000
        try replica.apply([
            Self.peerCreate(seq: 1, wall: clock.now() + hour),  // an hour ahead
            Self.peerCreate(seq: 2, wall: clock.now() + 48 * hour),  // two days ahead: applied all the same
            Self.peerCreate(seq: 5, wall: clock.now()),  // waits for 3 and 4
        ])
        let report = try replica.checkHealth()
        #expect(report.stampedAheadCount == 2)
        #expect(report.stampedAhead.map(\.operation.seq) == [2, 1], "furthest ahead first")
        #expect(report.stampedAhead.map(\.ahead) == [48 * hour, hour])
        #expect(report.stampedAhead.first?.operation.replica == Self.peer)
        #expect(report.waitingForEarlier.count == 1)
        #expect(report.waitingForEarlier.first?.replica == Self.peer)
        #expect(report.waitingForEarlier.first?.firstMissing == 3)
        #expect(report.isHealthy)
    }

    @Test func aTamperedStateIsFoundAgainstTheLog() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let path = home.file("r.sqlite")
        let replica = try Replica.open(path: path)
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try replica.setAlarm("api", silenced: true, of: id)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE alarms SET silenced = 0") }
        let report = try Replica.open(path: path).checkHealth()
        #expect(report.replayDifferences == 2, "the row as it is and as the log has it")
        #expect(!report.isHealthy)
        #expect(try Replica.open(path: path).incident(id).alarms.first?.silenced == false, "doctor repairs nothing")
    }
}
