import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// NUL characters are kept, as any other character, in every field and every read.
@Suite struct NULCharacterTests {
    @Test func textWithNULIsKeptWholeInEveryFieldAndConflict() throws {
        let clock = ManualClock()
        let alice = try Replica.inMemory(now: clock.source())
        #expect(throws: CoreError.controlCharacter(what: "the replica name")) {
            try alice.initialize(name: "al\u{0}ice")
        }
        try alice.initialize(name: "alice")
        let bob = try Replica.inMemory(now: clock.source())
        try bob.initialize(name: "bob")
        let id = try alice.createIncident(title: "ti\u{0}tle", severity: Severity(rawValue: 1)!, lead: "le\u{0}ad")
        let entry = try #require(
            try alice.log([NewEntry(at: clock.now(), kind: .event, text: "a\u{0}b")], to: id).first)
        try bob.apply(alice.allOperations())
        try alice.editEntry(entry, text: "edited\u{0}by alice", of: id)
        try bob.editEntry(entry, text: "edited\u{0}by bob", of: id)
        try alice.set(.lead, to: "al\u{0}ice", of: id)
        try bob.set(.lead, to: "b\u{0}ob", of: id)
        try bob.apply(alice.allOperations())
        try alice.apply(bob.allOperations())

        for replica in [alice, bob] {
            let incident = try replica.incident(id)
            #expect(incident.title == "ti\u{0}tle")
            #expect(incident.reportedBy == "alice")
            #expect(
                Set(incident.conflicts.flatMap { $0.candidates.map(\.value) }) == [
                    "al\u{0}ice", "b\u{0}ob", "edited\u{0}by alice", "edited\u{0}by bob",
                ])
            #expect(["edited\u{0}by alice", "edited\u{0}by bob"].contains(incident.timeline?.first?.text))
        }
        #expect(try alice.incident(id) == bob.incident(id))
    }
}
