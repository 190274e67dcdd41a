import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// The merge rules as properties: whatever replicas write concurrently, once they
/// have exchanged every op, in any order and with repeats, they hold the same state.
@Suite struct ConvergenceTests {
    @Test(
        "replicas converge after random concurrent writes and shuffled delivery",
        arguments: PropertySeeds.range(default: 200))
    func replicasConverge(seed: UInt64) throws {
        var team = try Self.teamAfterConcurrentWrites(seed: seed)
        try team.settle()

        let reference = try Snapshot(team.replicas[0], incidents: team.incidents)
        for (index, replica) in team.replicas.enumerated().dropFirst() {
            let other = try Snapshot(replica, incidents: team.incidents)
            #expect(other.state == reference.state, "seed \(seed): replica \(index) state differs from replica 0")
            #expect(other.json == reference.json, "seed \(seed): replica \(index) JSON differs from replica 0")
        }
        for replica in team.replicas {
            #expect(try replica.versionVector() == team.replicas[0].versionVector(), "seed \(seed)")
        }
    }

    @Test(
        "every replica shows what the reference model computes from its ops",
        arguments: PropertySeeds.range(default: 200))
    func replicasAgreeWithTheReferenceModel(seed: UInt64) throws {
        var team = try Self.teamAfterConcurrentWrites(seed: seed)
        // Before everything is exchanged each replica holds its own part; after, all of it.
        for round in 0..<2 {
            for (index, replica) in team.replicas.enumerated() {
                let expected = ReferenceModel.incidents(from: try replica.allOperations())
                for id in team.incidents {
                    let message: Comment = "seed \(seed), round \(round): replica \(index)"
                    if let reference = expected[id] {
                        #expect(try replica.incident(id) == reference, message)
                    } else {
                        #expect(throws: StoreError.unknownIncident(id.rawValue), message) { try replica.incident(id) }
                    }
                }
                let listed = try replica.incidents(includeClosed: true)
                #expect(listed.count == expected.count)
                for incident in listed {
                    var reference = try #require(expected[incident.id])
                    (reference.timeline, reference.notes, reference.people) = (nil, nil, nil)
                    #expect(incident == reference, "seed \(seed), round \(round): replica \(index) lists it otherwise")
                }
            }
            try team.settle()
        }
    }

    @Test func aSeedReplaysExactly() throws {
        let first = try Self.teamAfterConcurrentWrites(seed: 7)
        let again = try Self.teamAfterConcurrentWrites(seed: 7)
        for (one, other) in zip(first.replicas, again.replicas) {
            #expect(try one.allOperations() == other.allOperations())
            #expect(try one.materializedState() == other.materializedState())
        }
    }

    /// The generator makes what the properties claim to cover: ops that reach a replica
    /// before earlier ops of theirs (an entry before its incident, a move before its
    /// entry), ops a day ahead, and entries two people moved at once.
    @Test func theGeneratorCoversEarlyArrivalAndClocksADayApart() throws {
        var early = 0
        var ahead = 0
        var beforeIncident = 0
        var beforeEntry = 0
        var movedApart = 0
        for seed in UInt64(0)..<40 {
            var team = try Self.teamAfterConcurrentWrites(seed: seed)
            try team.settle()
            early += team.arrivedEarly
            ahead += team.aheadOfTheClock
            beforeIncident += team.beforeTheirIncident
            beforeEntry += team.movesBeforeTheirEntry
            for id in team.incidents {
                movedApart += try team.replicas[0].incident(id).conflicts.filter { $0.field == "at" }.count
            }
        }
        #expect(early > 0)
        #expect(ahead > 0)
        #expect(beforeIncident > 0)
        #expect(beforeEntry > 0)
        #expect(movedApart > 0)
    }

    /// 3-5 replicas after 40 random writes, a random part of some pair's ops exchanged
    /// every fourth write.
    private static func teamAfterConcurrentWrites(seed: UInt64) throws -> SimulatedTeam {
        var team = try SimulatedTeam(seed: seed, size: 3 + Int(seed % 3))
        for step in 0..<40 {
            try team.recordSomething()
            if step % 4 == 3 { try team.syncSomePair() }
        }
        return team
    }

    @Test("dropping the materialized state and replaying the log gives the same state", arguments: 0..<50)
    func replayGivesTheSameState(seed: UInt64) throws {
        var team = try SimulatedTeam(seed: seed, size: 3)
        for _ in 0..<30 {
            try team.recordSomething()
            try team.syncSomePair()
        }
        for replica in team.replicas {
            let before = try replica.materializedState()
            try replica.rebuildMaterializedState()
            #expect(try replica.materializedState() == before, "seed \(seed)")
        }
    }
}

/// What two replicas must agree on: every materialized row and the JSON users see.
struct Snapshot: Equatable {
    var state: [String]
    var json: [String]

    init(_ replica: Replica, incidents: [IncidentID]) throws {
        state = try replica.materializedState()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        json = try incidents.map { String(decoding: try encoder.encode(replica.incident($0)), as: UTF8.self) }
        json += try replica.incidents(includeClosed: true).map {
            String(decoding: try encoder.encode($0), as: UTF8.self)
        }
    }
}
