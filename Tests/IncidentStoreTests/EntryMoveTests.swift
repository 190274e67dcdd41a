import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// An entry's event time as a register: a move puts the entry in its new place on every
/// replica, in whatever order the move and the add arrive; two moves made at once are a
/// conflict that `show` names until one move settles it; the moved entry's text is still
/// its add's, and a redaction still blanks it everywhere it is stored.
@Suite struct EntryMoveTests {
    let clock = ManualClock()

    func makeReplica(_ name: String) throws -> Replica {
        try Replica.named(name, clock: clock)
    }

    /// Alice's incident with three entries a minute apart; the last typed at the wrong time.
    func incidentWithThreeEntries(on alice: Replica) throws -> (IncidentID, [EntryID]) {
        let id = try alice.createIncident(title: "db replication", severity: Severity(rawValue: 1)!)
        let start = clock.now()
        // One command each, so each is a run of its own, which a transfer may carry alone.
        let entries = try [
            NewEntry(at: start - 180_000, kind: .event, text: "replica lag alert"),
            NewEntry(at: start - 120_000, kind: .event, text: "rm -rf on the wrong host"),
            NewEntry(at: start - 60_000, kind: .event, text: "paged the database team"),
        ].flatMap { try alice.log([$0], to: id) }
        return (id, entries)
    }

    @Test func aMovedEntryTakesItsNewPlaceAndKeepsItsTextAndItsAdd() throws {
        let alice = try makeReplica("alice")
        let (id, entries) = try incidentWithThreeEntries(on: alice)
        let earlier = clock.now() - 240_000
        try alice.editEntry(entries[2], at: earlier, of: id)

        let timeline = try #require(try alice.incident(id).timeline)
        #expect(timeline.map(\.text) == ["paged the database team", "replica lag alert", "rm -rf on the wrong host"])
        #expect(timeline.first?.at == earlier)
        #expect(try alice.eventTime(of: entries[2], in: id) == earlier)
        let add = try #require(
            try alice.allOperations().first { $0.kind == .addEntry && $0.payload.entry == entries[2] })
        guard case .addEntry(let body) = add.payload else { throw CoreError.malformedOperation("not an add") }
        #expect(body.at == clock.now() - 60_000, "the add is held as it was made, only the entry moved")
        #expect(body.text == "paged the database team")

        let before = try alice.materializedState()
        try alice.rebuildMaterializedState()
        #expect(try alice.materializedState() == before)
    }

    @Test func aMoveToWhereTheEntryStandsWritesNothing() throws {
        let alice = try makeReplica("alice")
        let (id, entries) = try incidentWithThreeEntries(on: alice)
        let count = try alice.allOperations().count
        try alice.editEntry(entries[0], at: clock.now() - 180_000, of: id)
        #expect(try alice.allOperations().count == count)
    }

    @Test(
        "a move that arrives before its entry places it as it lands, in any order",
        arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]])
    func aMoveBeforeItsEntry(order: [Int]) throws {
        let alice = try makeReplica("alice")
        let (id, entries) = try incidentWithThreeEntries(on: alice)
        try alice.editEntry(entries[1], at: clock.now() - 30_000, of: id)
        try alice.editEntry(entries[1], at: clock.now() - 300_000, of: id)
        let operations = try alice.allOperations()
        let bob = try makeReplica("bob")
        // The incident and the other entries first; then the add and the two moves, in `order`.
        let late = operations.filter { $0.payload.entry == entries[1] }
        #expect(late.count == 3)
        try bob.apply(operations.filter { $0.payload.entry != entries[1] })
        for index in order { try bob.apply([late[index]]) }

        #expect(try bob.incident(id) == alice.incident(id))
        #expect(try bob.incident(id).timeline?.first?.id == entries[1])
        #expect(try bob.materializedState() == alice.materializedState())
    }

    @Test func twoMovesMadeAtOnceAreAConflictUntilAThirdNamesBoth() throws {
        let alice = try makeReplica("alice")
        let (id, entries) = try incidentWithThreeEntries(on: alice)
        let bob = try makeReplica("bob")
        try bob.apply(alice.allOperations())
        let aliceTime = clock.now() - 600_000
        let bobTime = clock.now() - 900_000
        try alice.editEntry(entries[1], at: aliceTime, of: id)
        clock.advance(by: 1_000)
        try bob.editEntry(entries[1], at: bobTime, of: id)
        try alice.apply(bob.allOperations())
        try bob.apply(alice.allOperations())

        for replica in [alice, bob] {
            let incident = try replica.incident(id)
            let conflict = try #require(incident.conflicts.first)
            #expect(incident.conflicts.count == 1)
            #expect(conflict.field == "at")
            #expect(conflict.entry == entries[1])
            #expect(
                conflict.candidates.map(\.value)
                    == [ISOTime.format(milliseconds: bobTime), ISOTime.format(milliseconds: aliceTime)])
            #expect(incident.timeline?.first?.at == bobTime, "the later move stands until it is settled")
        }

        // Moving it to where it stands settles it too: the move names both.
        try alice.editEntry(entries[1], at: bobTime, of: id)
        try bob.apply(alice.allOperations())
        #expect(try alice.incident(id).conflicts.isEmpty)
        #expect(try bob.incident(id) == alice.incident(id))
    }

    @Test func aRedactionOfAMovedEntryLeavesNoCopyOfItsTextInTheFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let secret = "hunter2-moved-secret"
        let path = folder.file("alice.sqlite")
        let alice = try Replica.open(path: path)
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "leak", severity: Severity(rawValue: 1)!)
        let entry = try #require(try alice.log([NewEntry(at: 0, kind: .event, text: "token " + secret)], to: id).first)
        try alice.editEntry(entry, at: 60_000, of: id)
        try alice.redactEntry(entry, of: id)

        for file in [path, path + "-wal"] {
            let data = FileManager.default.contents(atPath: file) ?? Data()
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(file) keeps the moved entry's text")
        }
        #expect(try alice.incident(id).timeline?.first?.redacted == true)
        #expect(try alice.incident(id).timeline?.first?.at == 60_000)
    }
}
