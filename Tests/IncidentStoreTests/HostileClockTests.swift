import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// What a peer with a wrong or forged clock can do: nothing lasting. An op stamped more
/// than a day ahead is applied at once, but this replica's clock does not follow it; the
/// clock never traps.
@Suite struct HostileClockTests {
    static let peer = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!
    static let incident = IncidentID(rawValue: "fedcba9876543210fedcba9876543210")!

    /// The peer's `create` of `incident`, stamped at `wall` and `counter`.
    static func create(wall: Int64, counter: UInt32, seq: Int64 = 1, title: String = "Search API returns 500")
        -> IncidentCore.Operation
    {
        IncidentCore.Operation(
            id: OperationID(replica: peer, seq: seq), hlc: HybridTimestamp(wall: wall, counter: counter, replica: peer),
            author: "mallory", incident: seq == 1 ? incident : IncidentID.random(),
            payload: .createIncident(
                CreateIncident(title: title, severity: Severity(rawValue: 1)!, lead: nil, at: wall)))
    }

    @Test func anOpAtTheGreatestCounterLeavesLocalWritesWorkingAndOrderedAfterIt() throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        _ = try replica.ensureIdentity(defaultName: { "alice" })
        let poisoned = Self.create(wall: clock.now() + 60_000, counter: .max)
        #expect(try replica.apply([poisoned]).applied == 1)

        let entries = try replica.log(
            [NewEntry(at: clock.now(), kind: .event, text: "still writing")], to: Self.incident)
        let local = try #require(try replica.allOperations().first { $0.payload.entry == entries.first })
        #expect(local.hlc > poisoned.hlc)
        #expect(local.hlc.wall == poisoned.hlc.wall + 1 && local.hlc.counter == 0)
    }

    @Test func anOpStampedOverADayAheadIsAppliedAtOnceAndStampsNothing() throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        _ = try replica.ensureIdentity(defaultName: { "alice" })
        let early = Self.create(wall: clock.now() + 3 * 86_400_000, counter: 0)
        let later = Self.create(wall: clock.now(), counter: 0, seq: 2, title: "behind it")

        let report = try replica.apply([early, later])
        #expect(report.applied == 2, "nothing waits for the clock")
        #expect(report.stampedAhead == 1)
        #expect(report.deferred == 0)
        #expect(try replica.incidents(includeClosed: true).count == 2)

        let mine = try replica.createIncident(title: "Local", severity: Severity(rawValue: 2)!)
        let stamped = try #require(try replica.allOperations().first { $0.incident == mine })
        #expect(stamped.hlc.wall == clock.now(), "local ops keep the local clock")

        try replica.rebuildMaterializedState()
        _ = try replica.createIncident(title: "After a replay", severity: Severity(rawValue: 2)!)
        let afterReplay = try #require(try replica.allOperations().last)
        #expect(afterReplay.hlc.wall == clock.now(), "a replay does not make the clock follow it either")
    }

    @Test func anOpAtTheEndOfTimeIsShownAndTheClockStaysTotal() throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        _ = try replica.ensureIdentity(defaultName: { "alice" })
        let report = try replica.apply([Self.create(wall: HybridTimestamp.maximumWall, counter: .max)])
        #expect(report.applied == 1 && report.stampedAhead == 1)
        _ = try replica.createIncident(title: "Local", severity: Severity(rawValue: 2)!)
        #expect(
            try replica.allOperations().filter { $0.id.replica != Self.peer }.allSatisfy { $0.hlc.wall == clock.now() })

        var exhausted = HybridLogicalClock(
            replica: Self.peer,
            latest: HybridTimestamp(wall: HybridTimestamp.maximumWall, counter: .max, replica: Self.peer))
        #expect(throws: CoreError.clockExhausted) { try exhausted.tick(wall: clock.now()) }
        var fresh = HybridLogicalClock(replica: Self.peer)
        #expect(
            try fresh.tick(wall: .max).wall == HybridTimestamp.maximumWall, "a wall clock past the format is held to it"
        )
    }
}
