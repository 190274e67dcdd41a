import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// Where a redaction reaches on a replica's file: the text is nowhere in the file or its
/// write-ahead log once the redaction is applied, even in an op still waiting for others.
@Suite struct RedactionReachTests {
    static let secret = "hunter2-secret-token"

    func fileBytesHoldSecret(_ path: String) throws -> Bool {
        [path, path + "-wal"].contains { file in
            guard let data = FileManager.default.contents(atPath: file) else { return false }
            return data.range(of: Data(Self.secret.utf8)) != nil
        }
    }

    @Test func aWaitingOpLosesTheRedactedTextAndTheFileKeepsNoCopy() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let alice = try Replica.inMemory()
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "leak", severity: Severity(rawValue: 1)!)
        let entry = try #require(try alice.log([NewEntry(at: 0, kind: .event, text: Self.secret)], to: id).first)
        let carol = try Replica.inMemory()
        try carol.initialize(name: "carol")
        try carol.apply(alice.allOperations())
        try carol.redactEntry(entry, of: id)

        let bob = try Replica.open(path: folder.file("bob.sqlite"))  // open all along, as `serve` is
        try bob.initialize(name: "bob")
        let add = try #require(try alice.allOperations().first { $0.payload.entry == entry })
        #expect(try bob.apply([add]).deferred == 1, "waits for alice's first op, which never comes")
        #expect(try fileBytesHoldSecret(folder.file("bob.sqlite")))

        let report = try bob.apply(try carol.allOperations().filter { $0.id.replica != add.id.replica })
        #expect(report.redactions == 1)
        #expect(
            try !fileBytesHoldSecret(folder.file("bob.sqlite")), "not in pending, not in the log, not in free pages")

        try bob.apply(alice.allOperations())
        #expect(try bob.incident(id).timeline?.first?.redacted == true)
        #expect(try !fileBytesHoldSecret(folder.file("bob.sqlite")))
    }

    @Test func aRedactedNoteLineLeavesTheFileWithItsEditsAndLaterWritesLandBlank() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let alice = try Replica.open(path: folder.file("alice.sqlite"))
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "leak", severity: Severity(rawValue: 1)!)
        try alice.addNote("keep this line", to: id)
        try alice.addNote("token=" + Self.secret, to: id)
        try alice.editNotes(of: id, to: ["keep this line", "token=" + Self.secret + " (edited)"])
        let bob = try Replica.open(path: folder.file("bob.sqlite"))
        try bob.initialize(name: "bob")
        try bob.apply(alice.allOperations())
        // Bob edits the line again while Alice redacts it.
        try bob.editNotes(of: id, to: ["keep this line", Self.secret + " (bob's copy)"])
        #expect(try fileBytesHoldSecret(folder.file("alice.sqlite")))

        let redacted = try alice.redactNote(2, of: id)
        #expect(redacted.text.contains(Self.secret))
        #expect(try alice.notes(of: id).map(\.text) == ["keep this line"])
        #expect(try !fileBytesHoldSecret(folder.file("alice.sqlite")))

        try alice.apply(bob.allOperations())
        #expect(try !fileBytesHoldSecret(folder.file("alice.sqlite")), "bob's later edit lands blank")
        try bob.apply(alice.allOperations())
        #expect(try !fileBytesHoldSecret(folder.file("bob.sqlite")))
        #expect(try bob.notes(of: id).map(\.text) == ["keep this line"])
        #expect(try bob.materializedState() == alice.materializedState())
        #expect(try alice.allOperations().allSatisfy { !String(describing: $0.payload).contains(Self.secret) })
    }

    @Test func aLineRemovedWithItsSecretCanStillBeRedacted() throws {
        let alice = try Replica.inMemory()
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "leak", severity: Severity(rawValue: 1)!)
        try alice.addNote(Self.secret, to: id)
        try alice.removeNote(1, of: id)
        #expect(try alice.notes(of: id, removed: true).map(\.text) == [Self.secret])
        try alice.redactNote(1, removed: true, of: id)
        #expect(try alice.notes(of: id, removed: true).map(\.text) == [""])
        #expect(try alice.allOperations().allSatisfy { !String(describing: $0.payload).contains(Self.secret) })
    }
}
