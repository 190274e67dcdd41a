import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

@Suite struct RecordingTests {
    let clock = ManualClock()
    let utc = LocalTime(timeZone: TimeZone(identifier: "UTC")!)

    func makeReplica(_ name: String = "alice") throws -> Replica {
        try Replica.named(name, clock: clock)
    }

    @Test func newIncidentBecomesCurrentWithItsFields() throws {
        let replica = try makeReplica()
        let id = try replica.createIncident(
            title: "Search API returns 500", severity: Severity(rawValue: 1)!, lead: "bob")
        #expect(try replica.resolveIncident(nil) == id)
        let incident = try replica.incident(id)
        #expect(incident.title == "Search API returns 500")
        #expect(incident.severity.rawValue == 1)
        #expect(incident.status == .reported)
        #expect(incident.lead == "bob")
        #expect(incident.reportedBy == "alice")
        #expect(incident.conflicts.isEmpty)
    }

    @Test func timelineIsInEventTimeOrderNotRecordOrder() throws {
        let replica = try makeReplica()
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        let start = clock.now()
        try replica.log([NewEntry(at: start - 60_000, kind: .event, text: "second")], to: id)
        try replica.log([NewEntry(at: start - 120_000, kind: .event, text: "first")], to: id)
        try replica.log([NewEntry(at: start, kind: .update, text: "third")], to: id)
        #expect(try replica.incident(id).timeline?.map(\.text) == ["first", "second", "third"])
    }

    @Test func importingTheSameScratchpadTwiceAddsOnlyNewLines() throws {
        let replica = try makeReplica()
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let first = try replica.importScratchpad("13:58 alert\n14:00 paged bob", into: id, in: utc)
        #expect(first == ImportReport(added: 2, alreadyPresent: 0))
        let longer = try replica.importScratchpad("13:58 alert\n14:00 paged bob\n14:01 rolled back", into: id, in: utc)
        #expect(longer == ImportReport(added: 1, alreadyPresent: 2))
        #expect(try replica.incident(id).timeline?.count == 3)
    }

    @Test func theSameScratchpadImportedOnTwoReplicasMergesIntoOneEntryPerLine() throws {
        let alice = try makeReplica("alice")
        let bob = try makeReplica("bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try bob.apply(alice.allOperations())
        try alice.importScratchpad("13:58 alert\n14:00 paged bob", into: id, in: utc)
        try bob.importScratchpad("13:58 alert\n14:00 paged bob", into: id, in: utc)
        try alice.apply(bob.allOperations())
        let timeline = try #require(try alice.incident(id).timeline)
        #expect(timeline.map(\.text) == ["alert", "paged bob"])
        #expect(try alice.incident(id).conflicts.isEmpty)
    }

    @Test func stabilizedAndResolvedNeedASummaryAndWriteNothingWithout() throws {
        let replica = try makeReplica()
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let before = try replica.allOperations()
        #expect(throws: StoreError.summaryRequired(.stabilized, .mitigation)) {
            try replica.setStatus(.stabilized, summary: nil, of: id)
        }
        #expect(throws: StoreError.summaryRequired(.resolved, .solution)) {
            try replica.setStatus(.resolved, summary: "  ", of: id)
        }
        #expect(try replica.allOperations() == before)
        try replica.setStatus(.stabilized, summary: "rolled back", of: id)
        let incident = try replica.incident(id)
        #expect(incident.status == .stabilized)
        #expect(incident.mitigation == "rolled back")
        #expect(incident.timeline?.last?.kind == .update)
        #expect(incident.timeline?.last?.text == "stabilized: rolled back")
    }

    @Test func concurrentStatusSetsShowAConflictUntilALaterSetNamesBothHeads() throws {
        let alice = try makeReplica("alice")
        let bob = try makeReplica("bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try bob.apply(alice.allOperations())

        try alice.setStatus(.investigating, summary: nil, of: id)
        clock.advance(by: 1000)
        try bob.setStatus(.stabilized, summary: "failover", of: id)
        try alice.apply(bob.allOperations())
        try bob.apply(alice.allOperations())

        let conflict = try #require(try alice.incident(id).conflicts.first { $0.field == "status" })
        #expect(Set(conflict.candidates.map(\.value)) == ["investigating", "stabilized"])
        #expect(conflict.candidates.first?.value == "stabilized", "the later clock is shown as the value")
        #expect(try bob.incident(id).conflicts == alice.incident(id).conflicts)

        try alice.setStatus(.investigating, summary: nil, of: id)
        try bob.apply(alice.allOperations())
        #expect(try bob.incident(id).conflicts.allSatisfy { $0.field != "status" })
        #expect(try bob.incident(id).status == .investigating)
    }

    @Test func settingTheSameValueAgainWritesNothing() throws {
        let replica = try makeReplica()
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        #expect(try replica.set(.severity, to: "1", of: id) == false)
        #expect(try replica.set(.severity, to: "2", of: id) == true)
        #expect(try replica.incident(id).severity.rawValue == 2)
    }

    @Test func redactionWinsOverAConcurrentEditAndBlanksEveryStoredCopy() throws {
        let alice = try makeReplica("alice")
        let bob = try makeReplica("bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let entry = try #require(
            try alice.log([NewEntry(at: clock.now(), kind: .event, text: "token=s3cret")], to: id).first)
        try bob.apply(alice.allOperations())

        try bob.editEntry(entry, text: "token=s3cret (rotated)", of: id)
        try alice.redactEntry(entry, of: id)
        try alice.apply(bob.allOperations())
        try bob.apply(alice.allOperations())

        for replica in [alice, bob] {
            let shown = try #require(try replica.incident(id).timeline?.first { $0.id == entry })
            #expect(shown.redacted)
            #expect(shown.text == "")
            let stored = try replica.allOperations().map { String(decoding: OperationCoding.encode($0), as: UTF8.self) }
            #expect(!stored.contains { $0.contains("s3cret") })
        }
    }

    @Test func opsArrivingBeforeTheirPredecessorsWaitAndThenApply() throws {
        let alice = try makeReplica("alice")
        let bob = try makeReplica("bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try alice.set(.title, to: "renamed", of: id)
        let ops = try alice.allOperations()
        let report = try bob.apply([ops[1]])
        #expect(report.applied == 0)
        #expect(report.deferred == 1)
        #expect(throws: StoreError.unknownIncident(id.rawValue)) { try bob.incident(id) }
        let rest = try bob.apply(ops)
        #expect(rest.applied == 2)
        #expect(rest.deferred == 0)
        #expect(try bob.incident(id).title == "renamed")
        #expect(try bob.apply(ops).duplicates == 2)
    }

    @Test func aRemoteOpFarInTheFutureIsAppliedAndALaterLocalSetStillWins() throws {
        let alice = try makeReplica("alice")
        let future = ManualClock(start: clock.now() + 400 * 86_400_000)
        let bob = try Replica.inMemory(now: future.source())
        try bob.initialize(name: "bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try bob.apply(alice.allOperations())
        try bob.set(.title, to: "from the future", of: id)
        let early = try alice.apply(bob.allOperations())
        #expect(early.applied == 1 && early.stampedAhead == 1)
        #expect(try alice.incident(id).title == "from the future", "shown at once, not held")
        try alice.set(.title, to: "now", of: id)
        let bobID = try #require(try bob.identity()).id
        let last = try #require(try alice.allOperations().filter { $0.id.replica != bobID }.last)
        let bobs = try #require(try bob.allOperations().filter { $0.id.replica == bobID }.last)
        #expect(last.hlc.wall == clock.now(), "the clock did not follow the op from the future")
        #expect(last.hlc < bobs.hlc)
        #expect(try alice.incident(id).title == "now", "the later set names what it overwrites, whatever the clocks")
        try bob.apply(alice.allOperations())
        #expect(try bob.incident(id).title == "now")
    }

    @Test func unknownAndAmbiguousReferencesSayWhatToDo() throws {
        let replica = try makeReplica()
        #expect(throws: StoreError.noCurrentIncident) { try replica.resolveIncident(nil) }
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        #expect(try replica.resolveIncident(String(id.rawValue.prefix(4))) == id)
        #expect(throws: StoreError.unknownIncident("zz")) { try replica.resolveIncident("zz") }
        #expect(StoreError.unknownIncident("zz").description.contains("incident list --all"))
    }

    @Test func twoWritersOnOneFileBothKeepEveryEntry() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("replica.sqlite")
        let first = try Replica.open(path: path)
        try first.initialize(name: "alice")
        let id = try first.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let replica = try Replica.open(path: path)
                    for line in 0..<50 {
                        try replica.log([NewEntry(at: 0, kind: .event, text: "writer \(writer) line \(line)")], to: id)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try Replica.open(path: path).incident(id).timeline?.count == 100)
    }
}
