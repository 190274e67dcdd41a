import IncidentCore
import IncidentTestSupport
import Testing

/// The roster's rule as a pure function of the roster ops held: who is a member, under
/// which name, within which allowance; the same whatever order the ops came in.
@Suite struct TeamRosterTests {
    private static let founder = ReplicaID.random(from: .seeded(1))
    private static let bob = ReplicaID.random(from: .seeded(2))
    private static let carol = ReplicaID.random(from: .seeded(3))
    private static let dave = ReplicaID.random(from: .seeded(4))

    private static func op(
        _ writer: ReplicaID, _ seq: Int64, wall: Int64, _ payload: Payload
    ) -> IncidentCore.Operation {
        IncidentCore.Operation(
            id: OperationID(replica: writer, seq: seq), hlc: HybridTimestamp(wall: wall, counter: 0, replica: writer),
            author: "claimed", incident: .team, payload: payload)
    }

    private static func admit(
        _ writer: ReplicaID, _ seq: Int64, wall: Int64, _ member: ReplicaID, _ name: String,
        overwriting: [OperationID] = []
    ) -> IncidentCore.Operation {
        op(writer, seq, wall: wall, .admitMember(AdmitMember(member: member, name: name, overwrites: overwriting)))
    }

    private static func remove(
        _ writer: ReplicaID, _ seq: Int64, wall: Int64, _ member: ReplicaID, through: Int64,
        overwriting: [OperationID]
    ) -> IncidentCore.Operation {
        op(
            writer, seq, wall: wall,
            .removeMember(RemoveMember(member: member, through: through, overwrites: overwriting)))
    }

    private let founding = admit(founder, 1, wall: 10, founder, "alice")
    private let admitBob = admit(founder, 2, wall: 20, bob, "bob")

    @Test func theFounderAloneIsAMemberUntilItAdmitsAnother() {
        let roster = TeamRoster(founder: Self.founder, operations: [founding])
        #expect(roster.current.map(\.name) == ["alice"])
        #expect(roster.allowance(of: Self.founder) == .max)
        #expect(roster.allowance(of: Self.bob) == 0)
        let grown = TeamRoster(founder: Self.founder, operations: [founding, admitBob])
        #expect(grown.current.map(\.name) == ["alice", "bob"])
        #expect(grown.members[Self.bob]?.admittedBy == Self.founder)
        #expect(grown.allowance(of: Self.bob) == .max)
    }

    @Test func anAdmitOfTheKeyOfAReplicaMadeBeforeKeysAdmitsThatReplica() {
        let key = KeyFingerprint(replicaID: Self.dave)  // the key bob's old id signs with
        let byKey = Self.admit(Self.founder, 2, wall: 20, Self.dave, "bob")
        let roster = TeamRoster(founder: Self.founder, operations: [founding, byKey], keys: [Self.bob: key])
        #expect(roster.members[Self.bob]?.name == "bob")
        #expect(roster.members[Self.dave] == nil)
        #expect(roster.allowance(of: Self.bob) == .max)
        #expect(roster.fingerprint(of: Self.bob) == key)
        #expect(roster.fingerprint(of: Self.founder) == KeyFingerprint(replicaID: Self.founder))
        let removal = Self.remove(Self.founder, 3, wall: 30, Self.bob, through: 4, overwriting: [byKey.id])
        let removed = TeamRoster(founder: Self.founder, operations: [founding, byKey, removal], keys: [Self.bob: key])
        #expect(removed.allowance(of: Self.bob) == 4, "the removal by id and the admit by key are one register")
        #expect(removed.members[Self.bob]?.contested == false)
        let unbound = TeamRoster(founder: Self.founder, operations: [founding, byKey])
        #expect(unbound.allowance(of: Self.bob) == 0, "without the binding, the admit names another replica")
    }

    /// A copy of bob's file, gone on under `copy`, succeeds him with his key's signature.
    @Test func aSuccessionSignedByTheMembersKeyPutsTheCopyInItsPlace() throws {
        let key = ReplicaKey(from: .seeded(7))
        let bob = key.fingerprint.replicaID
        let copy = ReplicaID.random(from: .seeded(8))
        let admitted = Self.admit(Self.founder, 2, wall: 20, bob, "bob")
        let succession = Self.op(
            copy, 3, wall: 30, .succeedMember(try SucceedMember(of: bob, by: copy, signedWith: key)))
        let roster = TeamRoster(founder: Self.founder, operations: [founding, admitted, succession])
        #expect(roster.members[copy]?.name == "bob")
        #expect(roster.members[copy]?.succeeds == bob)
        #expect(roster.allowance(of: copy) == .max)
        #expect(roster.allowance(of: bob) == .max, "the first history goes on too")

        let stranger = ReplicaKey(from: .seeded(9))
        let forged = Self.op(
            copy, 3, wall: 30, .succeedMember(try SucceedMember(of: bob, by: copy, signedWith: stranger)))
        #expect(TeamRoster(founder: Self.founder, operations: [founding, admitted, forged]).allowance(of: copy) == 0)
        let elsewhere = Self.op(
            Self.dave, 3, wall: 30, .succeedMember(try SucceedMember(of: bob, by: copy, signedWith: key)))
        #expect(
            TeamRoster(founder: Self.founder, operations: [founding, admitted, elsewhere]).allowance(of: Self.dave)
                == 0,
            "signed for another successor than its writer")
        let removal = Self.remove(Self.founder, 3, wall: 25, bob, through: 1, overwriting: [admitted.id])
        let afterRemoval = TeamRoster(founder: Self.founder, operations: [founding, admitted, removal, succession])
        #expect(afterRemoval.allowance(of: copy) == 0, "a removed member has no place to hand on")
        let unadmitted = TeamRoster(founder: Self.founder, operations: [founding, succession])
        #expect(unadmitted.allowance(of: copy) == 0, "no member to succeed")
    }

    @Test func anAdmitByAStrangerCountsForNothing() {
        let byStranger = Self.admit(Self.dave, 1, wall: 5, Self.carol, "carol")
        let roster = TeamRoster(founder: Self.founder, operations: [founding, byStranger])
        #expect(roster.members[Self.carol] == nil)
        #expect(roster.allowance(of: Self.carol) == 0)
    }

    @Test func aRemovedMemberKeepsItsOpsUpToTheRemovalAndItsName() {
        let removal = Self.remove(Self.founder, 3, wall: 30, Self.bob, through: 7, overwriting: [admitBob.id])
        let roster = TeamRoster(founder: Self.founder, operations: [founding, admitBob, removal])
        #expect(roster.current.map(\.name) == ["alice"])
        #expect(roster.allowance(of: Self.bob) == 7)
        #expect(roster.members[Self.bob]?.name == "bob", "its held ops still show under its name")
        #expect(roster.members[Self.bob]?.contested == false)
        let readmit = Self.admit(Self.founder, 4, wall: 40, Self.bob, "bob", overwriting: [removal.id])
        let again = TeamRoster(founder: Self.founder, operations: [founding, admitBob, removal, readmit])
        #expect(again.allowance(of: Self.bob) == .max, "an admit that saw the removal admits again")
    }

    @Test func aRemovalWinsOverAnAdmitMadeAtOnce() {
        // Alice admits carol; then bob renames carol while alice, not seeing it, removes her.
        let admitCarol = Self.admit(Self.founder, 3, wall: 30, Self.carol, "carol")
        let rename = Self.admit(Self.bob, 1, wall: 50, Self.carol, "carol (db)", overwriting: [admitCarol.id])
        let removal = Self.remove(Self.founder, 4, wall: 40, Self.carol, through: 2, overwriting: [admitCarol.id])
        let roster = TeamRoster(founder: Self.founder, operations: [founding, admitBob, admitCarol, rename, removal])
        let carol = roster.members[Self.carol]
        #expect(carol?.isRemoved == true)
        #expect(carol?.contested == true, "shown as a removal that won over an admit")
        #expect(roster.allowance(of: Self.carol) == 2)
    }

    @Test func aRemovalTakesBackTheRosterOpsItsMemberWroteBeyondIt() {
        // Bob admits dave at his seq 3 (clock 25), and alice removes bob through his seq 2:
        // dave's admit counts for nothing, however early its clock.
        let admitDave = Self.admit(Self.bob, 3, wall: 25, Self.dave, "dave")
        let removal = Self.remove(Self.founder, 3, wall: 30, Self.bob, through: 2, overwriting: [admitBob.id])
        let roster = TeamRoster(founder: Self.founder, operations: [founding, admitBob, admitDave, removal])
        #expect(roster.members[Self.dave] == nil)
        #expect(roster.allowance(of: Self.dave) == 0)
        let within = Self.admit(Self.bob, 2, wall: 25, Self.dave, "dave")
        let kept = TeamRoster(founder: Self.founder, operations: [founding, admitBob, within, removal])
        #expect(kept.allowance(of: Self.dave) == .max, "an admit within bob's allowance stands")
    }

    @Test(arguments: PropertySeeds.range(default: 200))
    func theRosterIsTheSameWhateverOrderItsOpsCameIn(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let people = [Self.founder, Self.bob, Self.carol, Self.dave]
        var operations = [founding]
        var seqs: [ReplicaID: Int64] = [Self.founder: 1]
        var walls: [ReplicaID: Int64] = [Self.founder: 0]
        for step in 0..<12 {
            let writer = people.randomElement(using: &random)!
            let member = people.randomElement(using: &random)!
            let seq = (seqs[writer] ?? 0) + 1
            seqs[writer] = seq
            let seen = operations.filter { $0.payload.rosterSubject?.member == member && Bool.random(using: &random) }
            // A replica's clock moves on with its seq; across replicas, clocks are any order.
            let wall = max((walls[writer] ?? -1) + 1, Int64.random(in: 0...200, using: &random))
            walls[writer] = wall
            operations.append(
                Bool.random(using: &random)
                    ? Self.admit(writer, seq, wall: wall, member, "m\(step)", overwriting: seen.map(\.id))
                    : Self.remove(
                        writer, seq, wall: wall, member, through: Int64.random(in: 0...4, using: &random),
                        overwriting: seen.map(\.id)))
        }
        let roster = TeamRoster(founder: Self.founder, operations: operations)
        for _ in 0..<3 {
            #expect(TeamRoster(founder: Self.founder, operations: operations.shuffled(using: &random)) == roster)
        }
    }
}
