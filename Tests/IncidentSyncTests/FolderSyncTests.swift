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

/// A folder passes on every op its writers hold, whoever wrote it and however it came.
@Suite struct FolderRelayTests {
    @Test func opsThatCameByABundleReachAColleagueWhoSyncsOnlyThroughTheFolder() throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        let carol = try Replica.named("carol")
        let alice = try Replica.named("alice")
        let dave = try Replica.named("dave")
        let id = try carol.createIncident(title: "Login fails", severity: Severity(rawValue: 1)!)
        try carol.log([NewEntry(at: 0, kind: .event, text: "paged alice")], to: id)
        let bundle = share.file("carol.bundle")
        try carol.createBundle(at: bundle)
        try alice.applyBundle(at: bundle)
        try FileManager.default.removeItem(atPath: bundle)

        #expect(try alice.syncFolder(share.path).sent == 2, "Carol's two ops, relayed")
        let carolID = try #require(try carol.identity()).id.rawValue
        let relayed = share.file(try #require(try alice.identity()).id.rawValue + "/" + carolID)
        #expect(try FileManager.default.contentsOfDirectory(atPath: relayed) == ["000000000001-000000000002.bundle"])
        #expect(try alice.syncFolder(share.path).sent == 0, "written once")

        let received = try dave.syncFolder(share.path)
        #expect(received.received.applied == 2)
        #expect(try dave.materializedState() == alice.materializedState())
        #expect(try dave.syncFolder(share.path).sent == 0, "what the folder holds is not relayed again")
        #expect(
            !FileManager.default.fileExists(
                atPath: share.file(try #require(try dave.identity()).id.rawValue + "/" + carolID)))
    }

    @Test func aRelayFolderThatIsALinkOrHoldsAnotherReplicasOpsIsTakenForWhatItHolds() throws {
        let share = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer {
            share.remove()
            outside.remove()
        }
        let carol = try Replica.named("carol")
        let mallory = try Replica.named("mallory")
        let dave = try Replica.named("dave")
        _ = try carol.createIncident(title: "Login fails", severity: Severity(rawValue: 1)!)
        try carol.createBundle(at: outside.file("000000000001-000000000001.bundle"))
        let malloryID = try #require(try mallory.identity()).id.rawValue
        let carolID = try #require(try carol.identity()).id.rawValue
        let eve = "0123456789abcdef0123456789abcdef"
        try FileManager.default.createDirectory(atPath: share.file(malloryID), withIntermediateDirectories: true)
        // A link to a folder outside: never followed.
        try FileManager.default.createSymbolicLink(
            atPath: share.file("\(malloryID)/\(carolID)"), withDestinationPath: outside.path)
        #expect(try dave.syncFolder(share.path).received.applied == 0)
        // Carol's op under a name that says it is another replica's: applied as Carol's.
        try FileManager.default.removeItem(atPath: share.file("\(malloryID)/\(carolID)"))
        try FileManager.default.createDirectory(
            atPath: share.file("\(malloryID)/\(eve)"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: outside.file("000000000001-000000000001.bundle"),
            toPath: share.file("\(malloryID)/\(eve)/000000000001-000000000001.bundle"))
        #expect(try dave.syncFolder(share.path).received.applied == 1)
        #expect(try dave.versionVector()[try #require(try carol.identity()).id] == 1)
        #expect(try dave.materializedState() == carol.materializedState())
    }

    @Test(
        "replicas syncing by bundles and a folder converge, the folder passing on what bundles brought",
        arguments: 0..<20)
    func mixedPathsConverge(seed: UInt64) throws {
        let share = try TemporaryDirectory()
        defer { share.remove() }
        var team = try SimulatedTeam(seed: seed, size: 4)
        var random = SeededGenerator(seed: seed)
        // The first replica never syncs the folder; the last only syncs the folder.
        for step in 0..<30 {
            try team.recordSomething()
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                try team.replicas[Int.random(in: 1..<4, using: &random)].syncFolder(share.path)
            case 1:
                let from = team.replicas[Int.random(in: 0..<3, using: &random)]
                let to = team.replicas[Int.random(in: 0..<3, using: &random)]
                let bundle = share.file("hand-\(step).bundle")
                try from.createBundle(at: bundle, since: try to.versionVector())
                try to.applyBundle(at: bundle)
                try FileManager.default.removeItem(atPath: bundle)
            default: break
            }
        }
        team.clock.advance(by: 2 * SimulatedTeam.farAhead)
        // The first replica hands everything it holds to the second, by bundle, once.
        let bundle = share.file("last.bundle")
        try team.replicas[0].createBundle(at: bundle)
        try team.replicas[1].applyBundle(at: bundle)
        for _ in 0..<2 {
            for replica in team.replicas.dropFirst().shuffled(using: &random) { try replica.syncFolder(share.path) }
        }
        try team.replicas[0].applyBundle(at: share.file("last.bundle"))
        try team.replicas[3].createBundle(at: bundle)
        try team.replicas[0].applyBundle(at: bundle)
        let reference = try team.replicas[3].materializedState()
        for replica in team.replicas {
            #expect(try replica.materializedState() == reference, "seed \(seed)")
        }
        #expect(try team.replicas[3].versionVector() == team.replicas[0].versionVector(), "seed \(seed)")
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
