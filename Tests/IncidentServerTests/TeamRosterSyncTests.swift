import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentCore
import IncidentServer
import IncidentStore
import IncidentSync
import IncidentTestSupport
import NIOCore
import Testing

/// The roster through every path: ops of a key no member admitted wait, kept and reported,
/// and apply once it is admitted; a removed member's later ops are refused wherever the
/// removal reaches, taken back where they were applied first; a replica joins the team of
/// the first replica it syncs with.
@Suite struct TeamRosterSyncTests {
    /// Alice's incident and a team she founded with Bob, who holds her ops and has joined.
    func aliceAndBob() throws -> (alice: Replica, bob: Replica, incident: IncidentID) {
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        let bob = try Replica.named("bob")
        try alice.admit(try bob.identity()!.id, as: "bob")
        let report = try bob.apply(alice.allOperations())
        #expect(report.joined == (try alice.identity()?.id), "bob joins the team of the first replica he syncs with")
        return (alice, bob, incident)
    }

    func texts(_ replica: Replica, _ incident: IncidentID) throws -> [String] {
        try replica.incident(incident).timeline?.map(\.text) ?? []
    }

    /// Dave's ops arrive at Bob's hub by `path`, as a sync would bring them.
    enum Path: String, CaseIterable { case bundle, folder, push }

    func deliver(_ from: Replica, to hub: Replica, by path: Path, in files: TemporaryDirectory) async throws {
        switch path {
        case .bundle:
            _ = try from.createBundle(at: files.file("out.bundle"))
            _ = try hub.applyBundle(at: files.file("out.bundle"))
        case .folder:
            try FileManager.default.createDirectory(atPath: files.file("share"), withIntermediateDirectories: true)
            _ = try from.syncFolder(files.file("share"))
            _ = try hub.syncFolder(files.file("share"))
        case .push:
            let app = Application(router: buildRouter(replica: hub, token: nil))
            var text = ""
            _ = try from.writeBundle(missingFrom: VersionVector()) { text += String(decoding: $0, as: UTF8.self) }
            let body = text
            try await app.test(.router) { http in
                let response = try await http.execute(uri: "/v1/push", method: .post, body: ByteBuffer(string: body))
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
    }

    @Test(arguments: Path.allCases)
    func opsOfAKeyNoMemberAdmittedWaitAndApplyWhenAdmitted(path: Path) async throws {
        let (alice, bob, incident) = try aliceAndBob()
        let dave = try Replica.named("dave")
        try dave.apply(alice.allOperations())
        try dave.log([NewEntry(at: dave.now(), kind: .event, text: "restarted the replica")], to: incident)
        let files = try TemporaryDirectory()
        defer { files.remove() }

        try await deliver(dave, to: bob, by: path, in: files)
        let daveID = try #require(try dave.identity()?.id)
        #expect(try texts(bob, incident) == [], "not applied")
        let waiting = try bob.waitingForAdmission()
        #expect(waiting.map(\.replica) == [daveID])
        #expect(
            waiting.first?.operations == 1 && waiting.first?.claimedName == "dave" && waiting.first?.removed == false)
        #expect(try dave.versionVector()[daveID] == 1 && bob.versionVector()[daveID] == 0, "kept, not held as applied")

        try bob.admit(daveID, as: "dave")
        #expect(try texts(bob, incident) == ["restarted the replica"], "applied as soon as the key is admitted")
        #expect(try bob.waitingForAdmission().isEmpty)
        // Alice learns the admit from bob, and dave's op with it.
        try alice.apply(bob.allOperations())
        #expect(try texts(alice, incident) == ["restarted the replica"])
        #expect(try alice.materializedState() == bob.materializedState())
    }

    /// Ops that wait for the roster are checked as they arrive: one changed on the way, or
    /// a seal that does not verify, is not kept waiting (where it would refuse the admit
    /// that later applies it), and the genuine ops wait and apply as any stranger's.
    @Test func aStrangersOpsAreCheckedAsTheyArriveNotWhenAdmitted() throws {
        let (alice, bob, incident) = try aliceAndBob()
        let dave = try Replica.named("dave")
        try dave.apply(alice.allOperations())
        try dave.log([NewEntry(at: dave.now(), kind: .event, text: "restarted the replica")], to: incident)
        let daveID = try #require(try dave.identity()?.id)
        let genuine = try dave.allOperations().filter { $0.id.replica == daveID }
        let sealed = try #require(genuine.lastIndex { $0.seal != nil })
        guard case .addEntry(var body) = genuine[sealed].payload else {
            Issue.record("dave's last op adds his entry")
            return
        }
        body.text = "nothing to see here"
        var changed = genuine
        changed[sealed].payload = .addEntry(body)
        let report = try bob.apply(changed)
        #expect(report.diverging.contains(daveID), "left out, as a changed op of a signing replica is")
        #expect(try bob.waitingForAdmission().isEmpty, "nothing of it is kept waiting")

        var forged = genuine
        forged[sealed].seal?.signature[0] ^= 1
        #expect(throws: StoreError.self) { try bob.apply(forged) }
        #expect(try bob.waitingForAdmission().isEmpty, "the whole transfer refused, nothing kept")

        try bob.apply(genuine)
        #expect(try bob.waitingForAdmission().map(\.replica) == [daveID])
        try bob.admit(daveID, as: "dave")
        #expect(try texts(bob, incident) == ["restarted the replica"])
    }

    @Test func theReportNamesTheReplicasThatWait() throws {
        let (alice, bob, incident) = try aliceAndBob()
        let mallory = try Replica.named("mallory")
        try mallory.apply(alice.allOperations())
        try mallory.log([NewEntry(at: 0, kind: .event, text: "all clear")], to: incident)
        let report = try bob.apply(mallory.allOperations())
        #expect(report.waiting.map(\.replica) == [try mallory.identity()!.id])
        #expect(report.waiting.first?.operations == 1)
        #expect(report.deferred == 0, "not counted as waiting for earlier ops")
        #expect(try bob.team()?.members[try mallory.identity()!.id] == nil)
    }

    @Test(arguments: Path.allCases)
    func aRemovedMembersLaterOpsAreRefused(path: Path) async throws {
        let (alice, bob, incident) = try aliceAndBob()
        try bob.log([NewEntry(at: 0, kind: .event, text: "before removal")], to: incident)
        try alice.apply(bob.allOperations())
        try alice.removeMember(try bob.identity()!.id)
        try bob.log([NewEntry(at: 0, kind: .event, text: "after removal")], to: incident)
        let files = try TemporaryDirectory()
        defer { files.remove() }

        try await deliver(bob, to: alice, by: path, in: files)
        #expect(try texts(alice, incident) == ["before removal"], "the ops up to the removal stay")
        let waiting = try alice.waitingForAdmission()
        #expect(waiting.map(\.replica) == [try bob.identity()!.id] && waiting.first?.removed == true)
        #expect(try alice.team()?.members[try bob.identity()!.id]?.removedThrough == 1, "bob's one op alice held")
    }

    @Test func aRemovalTakesBackTheOpsAppliedBeforeItArrived() throws {
        let (alice, bob, incident) = try aliceAndBob()
        let carol = try Replica.named("carol")
        try alice.admit(try carol.identity()!.id, as: "carol")
        try carol.apply(alice.allOperations())
        try bob.apply(alice.allOperations())
        // Alice removes bob knowing none of his ops; carol has applied two meanwhile.
        try alice.removeMember(try bob.identity()!.id)
        try bob.log(
            [NewEntry(at: 0, kind: .event, text: "one"), NewEntry(at: 1, kind: .event, text: "two")], to: incident)
        try carol.apply(bob.allOperations())
        #expect(try texts(carol, incident) == ["one", "two"])

        let report = try carol.apply(alice.allOperations())
        #expect(report.takenBack == 2)
        #expect(try texts(carol, incident) == [], "taken back: they wait, kept")
        #expect(try carol.waitingForAdmission().first?.operations == 2)
        try alice.apply(bob.allOperations())
        #expect(try alice.materializedState() == carol.materializedState())
        #expect(try alice.versionVector() == carol.versionVector())
    }

    @Test func aReplicaOfNoTeamTakesEveryOpAsBefore() throws {
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "disk full", severity: Severity(rawValue: 2)!)
        let bob = try Replica.named("bob")
        try bob.log([NewEntry(at: 0, kind: .event, text: "bob's note")], to: incident)
        try alice.apply(bob.allOperations())
        #expect(try alice.team() == nil)
        #expect(try texts(alice, incident) == ["bob's note"])
    }

    @Test func foundingATeamAdmitsEveryReplicaItHolds() throws {
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "disk full", severity: Severity(rawValue: 2)!)
        let bob = try Replica.named("bob")
        try bob.log([NewEntry(at: 0, kind: .event, text: "bob's note")], to: incident)
        try alice.apply(bob.allOperations())
        let carol = try Replica.named("carol")
        try alice.admit(try carol.identity()!.id, as: "carol")
        let roster = try #require(try alice.team())
        #expect(roster.founder == (try alice.identity()?.id))
        #expect(roster.current.map(\.name) == ["alice", "bob", "carol"])
        #expect(try texts(alice, incident) == ["bob's note"], "nothing held is taken back")
    }

    @Test func onlyAMemberChangesTheRoster() throws {
        let (alice, _, _) = try aliceAndBob()
        let dave = try Replica.named("dave")
        try dave.apply(alice.allOperations())
        #expect(throws: TeamError.notAMember) { try dave.admit(ReplicaID.random(), as: "eve") }
        #expect(throws: TeamError.notAMember) { try dave.removeMember(try alice.identity()!.id) }
    }
}
