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

/// Signed chains through every path: an op forged under a teammate's id, or cut from the
/// seal that covers it, is refused with the whole bundle, segment or push; an op changed on
/// the way is never applied; a redacted op still verifies where it arrives blanked.
@Suite struct SignedChainTests {
    /// Alice's incident with two runs of ops, and Bob, who holds them: he knows her chain.
    func aliceAndBob() throws -> (alice: Replica, bob: Replica, incident: IncidentID) {
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        try alice.log([NewEntry(at: alice.now(), kind: .event, text: "paged the database team")], to: incident)
        let bob = try Replica.named("bob")
        try bob.apply(alice.allOperations())
        return (alice, bob, incident)
    }

    /// Alice's next op, as Mallory would make it: under her id, at her next seq, signed by
    /// Mallory's key or by none.
    func forgedNextOp(of alice: Replica, incident: IncidentID, sealedBy key: ReplicaKey?) throws
        -> IncidentCore.Operation
    {
        let last = try #require(try alice.allOperations().last)
        var forged = IncidentCore.Operation(
            id: OperationID(replica: last.id.replica, seq: last.id.seq + 1),
            hlc: HybridTimestamp(wall: last.hlc.wall + 1, counter: 0, replica: last.id.replica), author: "alice",
            incident: incident,
            payload: .addEntry(AddEntry(entry: .random(), at: last.hlc.wall, kind: .event, text: "all clear")))
        if let key {
            forged.seal = try OperationChain.seal(
                OperationChain.start, of: last.id.replica, at: forged.id.seq, chainStart: 1, with: key)
        }
        return forged
    }

    func bundle(_ operations: [IncidentCore.Operation], from source: ReplicaID) -> String {
        CraftedBundle.text(
            header: CraftedBundle.header(source: source.rawValue),
            operations: operations.map { String(decoding: OperationCoding.encode($0), as: UTF8.self) })
    }

    @Test func anOpForgedUnderATeammatesIdIsRefusedByBundleFolderAndPush() async throws {
        let (alice, bob, incident) = try aliceAndBob()
        let carol = try Replica.named("carol")
        let carolsEntry = try carol.createIncident(title: "unrelated", severity: Severity(rawValue: 3)!)
        for key in [ReplicaKey(from: .seeded(66)), nil] {
            let forged = try forgedNextOp(of: alice, incident: incident, sealedBy: key)
            let before = try bob.materializedState()
            let files = try TemporaryDirectory()
            defer { files.remove() }

            // A bundle: refused whole, carol's honest op in it too.
            try bundle(try carol.allOperations() + [forged], from: carol.identity()!.id)
                .write(toFile: files.file("forged.bundle"), atomically: true, encoding: .utf8)
            #expect(throws: StoreError.self) { try bob.applyBundle(at: files.file("forged.bundle")) }
            #expect(try bob.materializedState() == before, "nothing of the bundle was applied")

            // A folder segment in alice's subfolder.
            let folder = files.file("share/\(forged.id.replica.rawValue)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let name = String(format: "%012lld-%012lld.bundle", forged.id.seq, forged.id.seq)
            try bundle([forged], from: forged.id.replica)
                .write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            #expect(throws: StoreError.self) { try bob.syncFolder(files.file("share")) }
            #expect(try bob.materializedState() == before, "nothing of the segment was applied")

            // A push to a hub that knows alice's chain.
            let app = Application(router: buildRouter(replica: bob, token: nil))
            try await app.test(.router) { http in
                let body = ByteBuffer(string: bundle([forged], from: try carol.identity()!.id))
                let response = try await http.execute(uri: "/v1/push", method: .post, body: body)
                #expect(response.status != .ok)
                let message = String(buffer: response.body)
                #expect(message.contains(forged.id.replica.rawValue.prefix(8)), "names the replica: \(message)")
                #expect(message.contains("3"), "and the seq: \(message)")
            }
            #expect(try bob.materializedState() == before, "nothing of the push was applied")
        }
        #expect(try bob.incident(incident).timeline?.map(\.text) == ["paged the database team"])
        #expect(throws: StoreError.self) { try bob.incident(carolsEntry) }
    }

    @Test func anOpChangedOnTheWayIsNeverApplied() throws {
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        let bob = try Replica.named("bob")
        try bob.apply(alice.allOperations())
        try alice.log(
            [
                NewEntry(at: alice.now(), kind: .event, text: "rolled back"),
                NewEntry(at: alice.now(), kind: .update, text: "we are on it"),
            ], to: incident)
        let run = Array(try alice.allOperations().suffix(2))
        #expect(run.last?.seal != nil && run.first?.seal == nil, "one seal, at the run's end")
        let changes: [(String, (inout IncidentCore.Operation) -> Void)] = [
            ("text", { $0.payload = .addEntry(AddEntry(entry: .random(), at: 0, kind: .event, text: "all clear")) }),
            ("author", { $0.author = "mallory" }),
            ("incident", { $0.incident = IncidentID(rawValue: "00000000000000000000000000000001")! }),
            ("clock", { $0.hlc = HybridTimestamp(wall: $0.hlc.wall + 1, counter: 0, replica: $0.id.replica) }),
        ]
        let before = try bob.materializedState()
        for (what, change) in changes {
            var changed = run
            change(&changed[0])
            let report = try bob.apply(changed)
            #expect(report.applied == 0, "\(what)")
            #expect(report.diverging == [run[0].id.replica], "\(what): reported, for a sync to fetch it whole")
            #expect(report.otherHistories == [run[0].id.replica], "\(what)")
            #expect(try bob.materializedState() == before, "\(what)")
        }
        // Cut from its seal, the run's first op alone is refused.
        #expect(throws: StoreError.unsealedOperations(replica: run[0].id.replica.rawValue, from: 2, through: 2)) {
            try bob.apply([run[0]])
        }
        // Whole and as written, it applies.
        #expect(try bob.apply(run).applied == 2)
    }

    @Test func aRedactedOpVerifiesWhereItArrivesBlanked() throws {
        let secret = "token=hunter2"
        let alice = try Replica.named("alice")
        let incident = try alice.createIncident(title: "leak", severity: Severity(rawValue: 1)!)
        let entry = try #require(try alice.log([NewEntry(at: 0, kind: .event, text: secret)], to: incident).first)
        let carol = try Replica.named("carol")
        try carol.apply(alice.allOperations())
        try carol.redactEntry(entry, of: incident)

        let passedOn = try carol.allOperations()
        let add = try #require(passedOn.first { $0.payload.entry == entry && $0.kind == .addEntry })
        #expect(add.payload.redactableText == "")
        #expect(add.blankedText != nil, "the blanked text's hash goes with it")
        #expect(!String(decoding: OperationCoding.encode(add), as: UTF8.self).contains("hunter2"))

        let bob = try Replica.named("bob")
        #expect(try bob.apply(passedOn).applied == passedOn.count)
        #expect(try bob.incident(incident).timeline?.first?.redacted == true)
        // Alice's next run still verifies on Bob, over the blanked op.
        try alice.apply(carol.allOperations())
        try alice.log([NewEntry(at: 1, kind: .event, text: "rotated the token")], to: incident)
        #expect(try bob.apply(alice.allOperations()).applied == 1)
    }
}
