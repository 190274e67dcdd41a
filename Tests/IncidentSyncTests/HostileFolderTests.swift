import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// What a hostile file in a shared folder can do: nothing. Only real subfolders and
/// regular files are read, never through a link; names are parsed totally and a
/// replica's own folder is believed only where its segments check out.
@Suite struct HostileFolderTests {
    static let stranger = "0123456789abcdef0123456789abcdef"

    func own(_ replica: Replica, in share: TemporaryDirectory) throws -> String {
        share.file(try #require(try replica.identity()).id.rawValue)
    }

    @Test func oddNamesAFolderAndAFIFONamedLikeSegmentsAreIgnoredAndNothingHangs() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let alice = try Replica.named("alice")
        _ = try alice.createIncident(title: "real", severity: Severity(rawValue: 2)!)
        try alice.syncFolder(share.path)

        let strange = share.file(Self.stranger)
        try FileManager.default.createDirectory(atPath: strange, withIntermediateDirectories: true)
        for name in [
            "000000000000-9223372036854775807.bundle", "000000000001-9223372036854775807.bundle",
            "-1-5.bundle", "000000000005-000000000001.bundle", "1--2.bundle", "99999999999999999999-1.bundle",
        ] {
            try "not a bundle\n".write(
                toFile: (strange as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(
            atPath: (strange as NSString).appendingPathComponent("000000000001-000000000002.bundle"),
            withIntermediateDirectories: true)
        #expect(mkfifo((strange as NSString).appendingPathComponent("000000000003-000000000004.bundle"), 0o644) == 0)

        let bob = try Replica.named("bob")
        let report = try bob.syncFolder(share.path)
        #expect(report.received.applied == 1, "alice's segment still arrives")
        #expect(report.skipped.isEmpty, "nothing named oddly is even opened: \(report.skipped)")
        #expect(try bob.incidents().map(\.title) == ["real"])
    }

    @Test func linksAreNotFollowedInOrOut() throws {
        let share = try TemporaryDirectory()
        let elsewhere = try TemporaryDirectory()
        defer {
            share.remove()
            elsewhere.remove()
        }
        let alice = try Replica.named("alice")
        _ = try alice.createIncident(title: "smuggled", severity: Severity(rawValue: 2)!)
        try alice.createBundle(at: elsewhere.file("outside.bundle"))

        let strange = share.file(Self.stranger)
        try FileManager.default.createDirectory(atPath: strange, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: (strange as NSString).appendingPathComponent("000000000001-000000000001.bundle"),
            withDestinationPath: elsewhere.file("outside.bundle"))
        let linkedFolder = share.file(String(Self.stranger.reversed()))
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: elsewhere.path)

        let bob = try Replica.named("bob")
        _ = try bob.createIncident(title: "bob's", severity: Severity(rawValue: 2)!)
        #expect(try bob.syncFolder(share.path).received.applied == 0, "ops behind a link are not read")
        #expect(try bob.incidents().map(\.title) == ["bob's"])

        let carol = try Replica.named("carol")
        _ = try carol.createIncident(title: "carol's", severity: Severity(rawValue: 2)!)
        try FileManager.default.createSymbolicLink(
            atPath: try own(carol, in: share), withDestinationPath: elsewhere.path)
        #expect(throws: SyncError.notOwnFolder(try own(carol, in: share))) { try carol.syncFolder(share.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["outside.bundle"])
    }

    @Test func aForgedSegmentInItsOwnFolderDoesNotStopAReplicaWritingItsOps() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let alice = try Replica.named("alice")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        try alice.syncFolder(share.path)
        let own = try own(alice, in: share)
        for name in ["000000000002-000000000003.bundle", "000000000002-000000999999.bundle"] {
            FileManager.default.createFile(atPath: (own as NSString).appendingPathComponent(name), contents: nil)
        }
        try alice.log([NewEntry(at: 0, kind: .event, text: "a"), NewEntry(at: 0, kind: .event, text: "b")], to: id)
        #expect(try alice.syncFolder(share.path).sent == 2, "the empty segments claiming 2...3 are passed over")

        let bob = try Replica.named("bob")
        #expect(try bob.syncFolder(share.path).received.applied == 3)
        #expect(try bob.materializedState() == alice.materializedState())
    }

    @Test func aCopiedReplicaHealsAtItsNextFolderSyncAndKeepsEveryOp() throws {
        let share = try TemporaryDirectory()
        let files = try TemporaryDirectory()
        defer {
            share.remove()
            files.remove()
        }
        let id: IncidentID
        do {
            let original = try Replica.open(path: files.file("original.sqlite"))
            try original.initialize(name: "alice")
            id = try original.createIncident(title: "t", severity: Severity(rawValue: 2)!)
            try original.syncFolder(share.path)
        }
        try FileManager.default.copyItem(atPath: files.file("original.sqlite"), toPath: files.file("copy.sqlite"))
        let original = try Replica.open(path: files.file("original.sqlite"))
        let copy = try Replica.open(path: files.file("copy.sqlite"))
        try original.log([NewEntry(at: 0, kind: .event, text: "from the original")], to: id)
        try original.syncFolder(share.path)
        try copy.log([NewEntry(at: 0, kind: .event, text: "from the copy")], to: id)
        try copy.set(.lead, to: "carol", of: id)
        let old = try #require(try copy.identity()).id

        let healed = try copy.syncFolder(share.path)
        let healing = try #require(healed.received.healed, "the copy heals, without a command")
        #expect(healing.old == old && healing.from == 2 && healing.remade == 2)
        #expect(try copy.identity()?.id == healing.new)
        #expect(healed.sent == 2, "its own ops, under the new id")
        try original.syncFolder(share.path)
        for replica in [original, copy] {
            let incident = try replica.incident(id)
            #expect(Set(incident.timeline?.map(\.text) ?? []) == ["from the original", "from the copy"])
            #expect(incident.lead == "carol")
        }
        #expect(try original.materializedState() == copy.materializedState())
        #expect(try original.identity()?.id == old, "the original goes on as it was")
    }

    @Test func aCopyHealsFromABundleAndTwoCopiesThatBothWriteConverge() throws {
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let id: IncidentID
        do {
            let original = try Replica.open(path: files.file("original.sqlite"))
            try original.initialize(name: "alice")
            id = try original.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        }
        try FileManager.default.copyItem(atPath: files.file("original.sqlite"), toPath: files.file("copy.sqlite"))
        let original = try Replica.open(path: files.file("original.sqlite"))
        let copy = try Replica.open(path: files.file("copy.sqlite"))
        let hub = try Replica.named("hub")
        for step in 0..<3 {
            try original.log([NewEntry(at: 0, kind: .event, text: "original \(step)")], to: id)
            try copy.log([NewEntry(at: 0, kind: .event, text: "copy \(step)")], to: id)
        }
        try original.createBundle(at: files.file("original.bundle"))
        try hub.applyBundle(at: files.file("original.bundle"))
        try copy.createBundle(at: files.file("copy.bundle"))
        let old = try #require(try original.identity()).id
        // The hub holds the original's ops, made first: the copy's move to an id of their own.
        let moved = try hub.applyBundle(at: files.file("copy.bundle"))
        #expect(moved.applied == 3 && moved.moved == 3 && moved.diverging == [old])
        let history = try #require(try hub.movedHistories().first)
        #expect(history.move.replica == old && history.move.seq == 2 && history.held == 3)
        // A replica that took the copy's first moves them for the original's when they come,
        // to the same id, with the same ops.
        let other = try Replica.named("other")
        try other.applyBundle(at: files.file("copy.bundle"))
        let replaced = try other.applyBundle(at: files.file("original.bundle"))
        #expect(replaced.applied == 3 && replaced.moved == 3)
        #expect(try other.movedHistories().map(\.move) == [history.move])
        #expect(try other.materializedState() == hub.materializedState())
        try hub.createBundle(at: files.file("hub.bundle"))
        let healed = try copy.applyBundle(at: files.file("hub.bundle"))
        #expect(healed.healed?.from == 2 && healed.healed?.remade == 3)
        #expect(try copy.identity()?.id == history.move.destination, "the copy goes on under the moved id")
        try copy.createBundle(at: files.file("copy.bundle"))
        try hub.applyBundle(at: files.file("copy.bundle"))
        try hub.createBundle(at: files.file("hub.bundle"))
        try original.applyBundle(at: files.file("hub.bundle"))
        let texts = Set(try original.incident(id).timeline?.map(\.text) ?? [])
        #expect(texts == Set((0..<3).flatMap { ["original \($0)", "copy \($0)"] }))
        #expect(try original.materializedState() == copy.materializedState())
        #expect(try hub.materializedState() == copy.materializedState())
        // The original never takes the copy's ops under its own id: it made its own first.
        #expect(try original.identity()?.id == old)
        try copy.createBundle(at: files.file("copy.bundle"))
        try other.applyBundle(at: files.file("copy.bundle"))
        #expect(try other.materializedState() == hub.materializedState())
    }

    /// A restored laptop's first history is only in the folder: a segment whose seqs every
    /// reader holds already, under the restored copy's ops. Readers look at its last op
    /// once, find the other history and settle it; a tail that is no op is passed over.
    @Test func aSegmentWhoseSeqsAreHeldUnderOtherOpsIsFoundInTheFolder() throws {
        let share = try TemporaryDirectory()
        let files = try TemporaryDirectory()
        defer {
            share.remove()
            files.remove()
        }
        let laptop = try Replica.open(path: files.file("laptop.sqlite"))
        try laptop.initialize(name: "alice")
        let id = try laptop.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        try copyReplicaFile(from: laptop.path, to: files.file("backup.sqlite"))
        try laptop.log([NewEntry(at: 0, kind: .event, text: "only in the folder")], to: id)
        try laptop.syncFolder(share.path)
        let restored = try Replica.open(path: files.file("restored.sqlite"))
        try copyReplicaFile(from: files.file("backup.sqlite"), to: restored.path)
        try restored.log([NewEntry(at: 0, kind: .event, text: "after the restore")], to: id)
        // A reader gets the restored copy's op 2 by a bundle before it reads the folder.
        let bob = try Replica.named("bob")
        try restored.createBundle(at: files.file("restored.bundle"))
        try bob.applyBundle(at: files.file("restored.bundle"))
        let old = try #require(try restored.identity()).id
        // Named as a segment of seqs bob holds, and no bundle at all.
        let garbage = share.file(old.rawValue) + "/000000000001-000000000001.bundle"
        try String(repeating: "x\n", count: 10_000).write(toFile: garbage, atomically: true, encoding: .utf8)

        let report = try bob.syncFolder(share.path)
        #expect(report.received.diverging == [old] && report.received.moved == 1, "\(report.received)")
        let texts = Set(try bob.incident(id).timeline?.map(\.text) ?? [])
        #expect(texts == ["only in the folder", "after the restore"])
        #expect(try bob.lookedAt([share.file(old.rawValue) + "/000000000001-000000000002.bundle"]).count == 1)
        #expect(try bob.lookedAt([garbage]).isEmpty, "no op at its end: passed over, looked at again next time")
        let again = try bob.syncFolder(share.path)
        #expect(again.received.applied == 0 && again.received.moved == 0, "each segment is looked at once")
        let healed = try restored.syncFolder(share.path)
        #expect(healed.received.healed?.old == old)
        #expect(healed.skipped.map(\.0) == [garbage], "the damaged file is named, and healing goes on")
        #expect(try restored.materializedState() == bob.materializedState())
    }
}
