import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// The merge rules as properties: whatever replicas write concurrently, once they
/// have exchanged every op, in any order and with repeats, they hold the same state.
@Suite struct ConvergenceTests {
    @Test("replicas converge after random concurrent writes and shuffled delivery", arguments: 0..<200)
    func replicasConverge(seed: UInt64) throws {
        var team = try Self.teamAfterConcurrentWrites(seed: seed)
        try team.exchangeEverything()

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

    @Test("every replica shows what the reference model computes from its ops", arguments: 0..<200)
    func replicasAgreeWithTheReferenceModel(seed: UInt64) throws {
        var team = try Self.teamAfterConcurrentWrites(seed: seed)
        // Before everything is exchanged each replica holds its own part; after, all of it.
        for round in 0..<2 {
            for (index, replica) in team.replicas.enumerated() {
                let expected = ReferenceModel.incidents(from: try replica.allOperations())
                for id in team.incidents {
                    #expect(
                        try replica.incident(id) == expected[id], "seed \(seed), round \(round): replica \(index)")
                }
                let listed = try replica.incidents(includeClosed: true)
                #expect(listed.count == expected.count)
                for incident in listed {
                    var reference = try #require(expected[incident.id])
                    (reference.timeline, reference.notes, reference.people) = (nil, nil, nil)
                    #expect(incident == reference, "seed \(seed), round \(round): replica \(index) lists it otherwise")
                }
            }
            try team.exchangeEverything()
        }
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
