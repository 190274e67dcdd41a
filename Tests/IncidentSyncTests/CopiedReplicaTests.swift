import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// One replica id, one history: replica files restored from earlier copies of themselves
/// heal at their next exchange.
@Suite struct CopiedReplicaTests {
    /// A team of replica files that record, sync through a folder and full bundles, and now
    /// and then restore one from a snapshot of itself, which records before it syncs.
    struct Team {
        let files: TemporaryDirectory
        let share: String
        var replicas: [Replica] = []
        var snapshots: [Int: String] = [:]
        var recorded: Set<String> = []
        var random: SeededGenerator
        var made = 0
        var healings = 0
        let incident: IncidentID

        init(seed: UInt64) throws {
            files = try TemporaryDirectory()
            share = files.file("share")
            try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
            random = SeededGenerator(seed: seed)
            (replicas, incident) = try ReplicaTeam.make(3, in: files)
            made = 3
        }

        mutating func note(_ report: ApplyReport) { if report.healed != nil { healings += 1 } }

        mutating func step(_ number: Int) throws {
            let index = Int.random(in: 0..<replicas.count, using: &random)
            let replica = replicas[index]
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let text = "step \(number) on \(index)"
                try replica.log([NewEntry(at: Int64(number), kind: .event, text: text)], to: incident)
                recorded.insert(text)
            case 4..<6:
                note(try replica.syncFolder(share).received)
            case 6..<8:
                let bundle = files.file("step-\(number).bundle")
                try replica.createBundle(at: bundle)
                note(try replicas[Int.random(in: 0..<replicas.count, using: &random)].applyBundle(at: bundle))
            case 8:
                let path = files.file("snapshot-\(number).sqlite")
                try copyReplicaFile(from: replica.path, to: path)
                snapshots[index] = path
            default:
                guard let snapshot = snapshots[index] else { return }
                // What it wrote since leaves the machine first; then the file is restored, and
                // its maintainer records on it before the next sync, which heals it.
                try replica.syncFolder(share)
                let path = files.file("r\(made).sqlite")
                made += 1
                try copyReplicaFile(from: snapshot, to: path)
                let restored = try Replica.open(path: path)
                replicas[index] = restored
                let text = "step \(number) on restored \(index)"
                try restored.log([NewEntry(at: Int64(number), kind: .event, text: text)], to: incident)
                recorded.insert(text)
                note(try restored.syncFolder(share).received)
            }
        }

        mutating func settle() throws {
            for _ in 0..<3 {
                for replica in replicas { note(try replica.syncFolder(share).received) }
            }
            let bundle = files.file("last.bundle")
            for _ in 0..<2 {
                for replica in replicas {
                    try replica.createBundle(at: bundle)
                    for other in replicas { note(try other.applyBundle(at: bundle)) }
                }
            }
        }
    }

    @Test(
        "restored and cloned replica files heal and converge with every entry",
        arguments: PropertySeeds.range(default: 30))
    func restoredCopiesHealAndConverge(seed: UInt64) throws {
        var team = try Team(seed: seed)
        defer { team.files.remove() }
        for number in 0..<40 { try team.step(number) }
        try team.settle()
        let reference = try team.replicas[0].materializedState()
        for replica in team.replicas {
            #expect(try replica.materializedState() == reference, "seed \(seed)")
            let texts = Set(try replica.incident(team.incident).timeline?.map(\.text) ?? [])
            #expect(texts.isSuperset(of: team.recorded), "seed \(seed): \(team.recorded.subtracting(texts))")
        }
        let ids = try team.replicas.map { try #require(try $0.identity()).id }
        #expect(Set(ids).count == ids.count, "seed \(seed): every replica has an id of its own")
    }

    @Test func theGeneratorRestoresAndHeals() throws {
        var healings = 0
        for seed in UInt64(0)..<15 {
            var team = try Team(seed: seed)
            defer { team.files.remove() }
            for number in 0..<40 { try team.step(number) }
            try team.settle()
            healings += team.healings
        }
        #expect(healings > 0)
    }
}
