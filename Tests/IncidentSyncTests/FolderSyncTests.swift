import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

@Suite struct FolderSyncTests {
    @Test func eachReplicaWritesOnlyItsOwnFolderAsImmutableSegments() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let alice = try Replica.named("alice")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        #expect(try alice.syncFolder(share.path).sent == 1)
        try alice.log([NewEntry(at: 0, kind: .event, text: "x")], to: id)
        #expect(try alice.syncFolder(share.path).sent == 1)
        #expect(try alice.syncFolder(share.path).sent == 0)
        let own = share.file(try #require(try alice.identity()).id.rawValue)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: own).sorted() == [
                "000000000001-000000000001.bundle", "000000000002-000000000002.bundle",
            ])
    }

    @Test func aSegmentStillBeingCopiedInIsSkippedAndReadNextTime() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let alice = try Replica.named("alice")
        _ = try alice.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        try alice.syncFolder(share.path)
        let own = share.file(try #require(try alice.identity()).id.rawValue)
        let segment = (own as NSString).appendingPathComponent("000000000001-000000000001.bundle")
        let whole = try Data(contentsOf: URL(fileURLWithPath: segment))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: segment))

        let bob = try Replica.named("bob")
        let first = try bob.syncFolder(share.path)
        #expect(first.received.applied == 0)
        #expect(first.skipped.count == 1)
        try whole.write(to: URL(fileURLWithPath: segment))
        #expect(try bob.syncFolder(share.path).received.applied == 1)
        #expect(try bob.materializedState() == alice.materializedState())
    }

    @Test("replicas syncing a folder in random orders converge", arguments: 0..<20)
    func folderSyncConverges(seed: UInt64) throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        var team = try SimulatedTeam(seed: seed, size: 3)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<20 {
            try team.recordSomething()
            if Bool.random(using: &random) {
                try team.replicas.randomElement(using: &random)!.syncFolder(share.path)
            }
        }
        // Then time passes beyond every clock's lead (a replica may run a day or two ahead).
        team.clock.advance(by: 2 * SimulatedTeam.farAhead)
        for _ in 0..<2 {
            for replica in team.replicas.shuffled(using: &random) { try replica.syncFolder(share.path) }
        }
        let reference = try team.replicas[0].materializedState()
        for replica in team.replicas.dropFirst() {
            #expect(try replica.materializedState() == reference, "seed \(seed)")
        }
    }
}

@Suite struct FolderRedactionTests {
    @Test func aRedactedSecretLeavesTheSegmentsOfEveryReplicaThatSyncsAgain() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let alice = try Replica.inMemory()
        try alice.initialize(name: "alice")
        let bob = try Replica.inMemory()
        try bob.initialize(name: "bob")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let entry = try #require(try alice.log([NewEntry(at: 0, kind: .event, text: "password=hunter2")], to: id).first)
        try alice.syncFolder(share.path)
        try bob.syncFolder(share.path)
        try bob.redactEntry(entry, of: id)
        try bob.syncFolder(share.path)
        try alice.syncFolder(share.path)

        let files = try FileManager.default.subpathsOfDirectory(atPath: share.path)
            .filter { $0.hasSuffix(".bundle") }
            .map { try String(contentsOfFile: share.file($0), encoding: .utf8) }
        #expect(files.count == 2, "alice's segment and bob's")
        #expect(!files.contains { $0.contains("hunter2") })

        let carol = try Replica.inMemory()
        try carol.initialize(name: "carol")
        try carol.syncFolder(share.path)
        #expect(try carol.materializedState() == alice.materializedState())
    }
}
