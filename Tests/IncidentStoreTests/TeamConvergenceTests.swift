import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// The roster as a property of whole replicas: whatever members admit, rename and remove
/// while others write, and in whatever order their ops travel, replicas that have
/// exchanged everything hold the same roster, the same waiting replicas and the same state.
@Suite struct TeamConvergenceTests {
    /// Alice founds the team with Bob and Carol; Dave is a stranger until someone admits him.
    static func team() throws -> (replicas: [Replica], incident: IncidentID) {
        let replicas = try ["alice", "bob", "carol", "dave"].map { try Replica.named($0) }
        let incident = try replicas[0].createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        for member in replicas[1...2] {
            try replicas[0].admit(try member.identity()!.id, as: try member.identity()!.name)
        }
        for replica in replicas.dropFirst() { try replica.apply(replicas[0].allOperations()) }
        return (replicas, incident)
    }

    @Test(arguments: PropertySeeds.range(default: 200))
    func replicasAgreeOnTheRosterWhateverTheOrder(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (replicas, incident) = try Self.team()
        for step in 0..<14 {
            let writer = replicas.randomElement(using: &random)!
            let subject = try replicas.randomElement(using: &random)!.identity()!.id
            do {
                switch Int.random(in: 0..<5, using: &random) {
                case 0: try writer.admit(subject, as: "name \(step)")
                case 1: try writer.removeMember(subject)
                case 2:
                    try writer.apply(replicas.randomElement(using: &random)!.allOperations().shuffled(using: &random))
                default: try writer.log([NewEntry(at: writer.now(), kind: .event, text: "step \(step)")], to: incident)
                }
            } catch is TeamError {
                // Not a member, no such member: refused, and nothing written.
            }
        }
        for _ in 0..<2 {
            for receiver in replicas {
                for sender in replicas.shuffled(using: &random) {
                    try receiver.apply(sender.allOperations().shuffled(using: &random))
                }
            }
        }
        let roster = try #require(try replicas[0].team())
        for (index, replica) in replicas.enumerated().dropFirst() {
            #expect(try replica.team() == roster, "seed \(seed): replica \(index)'s roster differs")
        }
        // A replica keeps its own ops whatever the roster says of it; the current members,
        // whose ops every replica applies, hold the same state and hold back the same.
        let members = try replicas.filter { roster.allowance(of: try $0.identity()!.id) == .max }
        guard let reference = members.first else { return }  // every member removed: no one left to agree
        let state = try Snapshot(reference, incidents: [incident]).state
        let waiting = try reference.waitingForAdmission()
        for replica in members.dropFirst() {
            #expect(try Snapshot(replica, incidents: [incident]).state == state, "seed \(seed)")
            #expect(try replica.waitingForAdmission() == waiting, "seed \(seed)")
        }
    }

    /// As above, with one copied key: Bob's replica file is copied mid-run (a restored
    /// backup) and both copies write on. The copy heals when it meets Bob's history, goes on
    /// in his place by a succession his key signed, and every replica still agrees.
    @Test(arguments: PropertySeeds.range(default: 200))
    func replicasAgreeWithACopiedKeyAmongThem(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let bobsFile = folder.file("bob.sqlite")
        let bob = try Replica.open(path: bobsFile)
        try bob.initialize(name: "bob")
        var replicas = try [Replica.named("alice"), bob, Replica.named("carol"), Replica.named("dave")]
        let incident = try replicas[0].createIncident(
            title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        for member in replicas[1...2] {
            try replicas[0].admit(try member.identity()!.id, as: try member.identity()!.name)
        }
        for replica in replicas.dropFirst() { try replica.apply(replicas[0].allOperations()) }
        let copyAt = Int.random(in: 0..<8, using: &random)
        for step in 0..<14 {
            if step == copyAt {
                try copyReplicaFile(from: bobsFile, to: folder.file("copy.sqlite"))
                let copy = try Replica.open(path: folder.file("copy.sqlite"))
                replicas.append(copy)
                // Both copies write on: their histories split (a millisecond apart, as two
                // machines' clocks are: ops of one clock value are taken for the same op).
                for replica in [bob, copy] {
                    Thread.sleep(forTimeInterval: 0.002)
                    try replica.log([NewEntry(at: replica.now(), kind: .event, text: "copy \(step)")], to: incident)
                }
            }
            let writer = replicas.randomElement(using: &random)!
            let subject = try replicas.randomElement(using: &random)!.identity()!.id
            do {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: try writer.admit(subject, as: "name \(step)")
                case 1: try writer.removeMember(subject)
                case 2, 3:
                    try writer.apply(replicas.randomElement(using: &random)!.allOperations().shuffled(using: &random))
                default: try writer.log([NewEntry(at: writer.now(), kind: .event, text: "step \(step)")], to: incident)
                }
            } catch is TeamError {
                // Not a member, no such member: refused, and nothing written.
            }
        }
        for _ in 0..<3 {
            for receiver in replicas {
                for sender in replicas.shuffled(using: &random) {
                    try receiver.apply(sender.allOperations().shuffled(using: &random))
                }
            }
        }
        let ids = try replicas.map { try $0.identity()!.id }
        #expect(Set(ids).count == replicas.count, "seed \(seed): the copy went on under an id of its own")
        let roster = try #require(try replicas[0].team())
        for (index, replica) in replicas.enumerated().dropFirst() {
            #expect(try replica.team() == roster, "seed \(seed): replica \(index)'s roster differs")
        }
        let members = try replicas.filter { roster.allowance(of: try $0.identity()!.id) == .max }
        guard let reference = members.first else { return }
        let state = try Snapshot(reference, incidents: [incident]).state
        // Which ops of a removed member wait is left out: when its file was copied, which of
        // its two histories each replica keeps waiting under its id is not one rule yet.
        func waiting(_ replica: Replica) throws -> [WaitingReplica] {
            try replica.waitingForAdmission().filter { !$0.removed }
        }
        let held = try waiting(reference)
        for replica in members.dropFirst() {
            #expect(try Snapshot(replica, incidents: [incident]).state == state, "seed \(seed)")
            #expect(try waiting(replica) == held, "seed \(seed)")
        }
    }
}
