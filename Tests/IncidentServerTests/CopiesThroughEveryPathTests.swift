import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentCore
import IncidentHTTPSync
import IncidentServer
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// One replica id, one history, whatever the path: replica files restored from earlier
/// copies of themselves, and files cloned to a second machine where both copies go on
/// writing, sync through a random mix of a folder, bundles and a hub, and all end
/// identical with every entry ever recorded.
@Suite struct CopiesThroughEveryPathTests {
    /// A team around one hub, a shared folder and bundles handed over.
    struct Team {
        let files: TemporaryDirectory
        let share: String
        let hub: Replica
        let url: String
        var replicas: [Replica] = []
        var snapshots: [Int: String] = [:]
        var recorded: Set<String> = []
        var random: SeededGenerator
        var made = 0
        var healings = 0
        var moved = 0
        let incident: IncidentID

        init(seed: UInt64, files: TemporaryDirectory, hub: Replica, url: String) throws {
            self.files = files
            self.hub = hub
            self.url = url
            share = files.file("share")
            try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
            random = SeededGenerator(seed: seed)
            (replicas, incident) = try ReplicaTeam.make(3, in: files)
            made = 3
        }

        mutating func note(_ report: ApplyReport) {
            if report.healed != nil { healings += 1 }
            moved += report.moved
        }

        /// One sync of `replica` by a path the seed picks: the folder or the hub.
        mutating func sync(_ replica: Replica) async throws {
            if Bool.random(using: &random) {
                note(try replica.syncFolder(share).received)
            } else {
                note(try await replica.syncHTTP(url: url, token: nil).received)
            }
        }

        mutating func step(_ number: Int) async throws {
            let index = Int.random(in: 0..<replicas.count, using: &random)
            let replica = replicas[index]
            switch Int.random(in: 0..<12, using: &random) {
            case 0..<4:
                let text = "step \(number) on \(index)"
                try replica.log([NewEntry(at: Int64(number), kind: .event, text: text)], to: incident)
                recorded.insert(text)
            case 4..<7:
                try await sync(replica)
            case 7..<9:
                let bundle = files.file("step-\(number).bundle")
                try replica.createBundle(at: bundle)
                note(try replicas[Int.random(in: 0..<replicas.count, using: &random)].applyBundle(at: bundle))
            case 9:
                let path = files.file("snapshot-\(number).sqlite")
                try copyReplicaFile(from: replica.path, to: path)
                snapshots[index] = path
            case 10:
                guard let snapshot = snapshots[index] else { return }
                // What it wrote since leaves the machine first; then the file is restored.
                try await sync(replica)
                let restored = try fileCopy(of: snapshot)
                replicas[index] = restored
                let text = "step \(number) on restored \(index)"
                try restored.log([NewEntry(at: Int64(number), kind: .event, text: text)], to: incident)
                recorded.insert(text)
            default:
                // The machine is cloned, and both go on writing.
                guard replicas.count < 6 else { return }
                let clone = try fileCopy(of: replica.path)
                replicas.append(clone)
                for (copy, text) in [(replica, "step \(number) on \(index)"), (clone, "step \(number) on a clone")] {
                    try copy.log([NewEntry(at: Int64(number), kind: .event, text: text)], to: incident)
                    recorded.insert(text)
                    // Two copies that write one seq in the same millisecond stamp it alike, and
                    // only a hash of the op would tell them apart: machines do not.
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
        }

        mutating func fileCopy(of path: String) throws -> Replica {
            let copy = files.file("r\(made).sqlite")
            made += 1
            try copyReplicaFile(from: path, to: copy)
            return try Replica.open(path: copy)
        }

        /// Syncs everyone by every path, three rounds. A whole bundle goes round too: a hub
        /// compares the last op held of each replica, and a history that split before it,
        /// whose later ops line up with the other's, is seen only by a path that carries
        /// every op, or by a folder that holds it.
        mutating func settle() async throws {
            let bundle = files.file("whole.bundle")
            for _ in 0..<3 {
                for replica in replicas {
                    note(try await replica.syncHTTP(url: url, token: nil).received)
                    note(try replica.syncFolder(share).received)
                    try replica.createBundle(at: bundle)
                    for other in replicas + [hub] { note(try other.applyBundle(at: bundle)) }
                }
            }
        }
    }

    /// Runs `body` on a new team whose hub listens on loopback, and returns what it returns.
    static func withTeam<Value: Sendable>(seed: UInt64, _ body: @Sendable (inout Team) async throws -> Value)
        async throws -> Value
    {
        let files = try TemporaryDirectory()
        defer { files.remove() }
        let hub = try Replica.open(path: files.file("hub.sqlite"))
        try hub.initialize(name: "hub")
        let app = Application(
            router: buildRouter(replica: hub, token: nil),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { http in
            let port = try #require(http.port)
            var team = try Team(seed: seed, files: files, hub: hub, url: "http://127.0.0.1:\(port)")
            return try await body(&team)
        }
    }

    @Test(
        "restored and cloned replica files heal and converge through a folder, bundles and a hub",
        arguments: PropertySeeds.range(default: 20))
    func copiesHealAndConverge(seed: UInt64) async throws {
        try await Self.withTeam(seed: seed) { team in
            for number in 0..<40 { try await team.step(number) }
            try await team.settle()
            let reference = try team.hub.materializedState()
            for replica in team.replicas {
                #expect(try replica.materializedState() == reference, "seed \(seed)")
                let texts = Set(try replica.incident(team.incident).timeline?.map(\.text) ?? [])
                #expect(texts.isSuperset(of: team.recorded), "seed \(seed): \(team.recorded.subtracting(texts))")
            }
            let ids = try team.replicas.map { try #require(try $0.identity()).id }
            #expect(Set(ids).count == ids.count, "seed \(seed): every replica has an id of its own")
        }
    }

    @Test func theGeneratorClonesRestoresHealsAndMoves() async throws {
        var healings = 0
        var moved = 0
        for seed in UInt64(0)..<4 {
            let (healed, moves) = try await Self.withTeam(seed: seed) { team in
                for number in 0..<40 { try await team.step(number) }
                try await team.settle()
                return (team.healings, team.moved)
            }
            healings += healed
            moved += moves
        }
        #expect(healings > 0 && moved > 0, "healings \(healings), moved \(moved)")
    }
}
