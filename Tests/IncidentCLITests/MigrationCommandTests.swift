import Foundation
import IncidentTestSupport
import Testing

/// A replica file written by the first schema (v1) opens, migrates in place and shows
/// what it showed before, byte for byte (the fixtures were written by the v1 code; since
/// format 2 they also hold `people` and `postmortem`, and nothing else changed in them);
/// then it records and syncs as any other.
@Suite struct MigrationCommandTests {
    /// `Fixtures/replicas/v1.sqlite` was made by the v1 code: two replicas, entries typed,
    /// piped and imported, a status with its summary, a severity and an entry text in
    /// conflict, an edit, a redaction, a resolved incident and a remote.
    private func copyOfV1(in cli: CommandRunner) throws -> String {
        let path = cli.home.file("v1.sqlite")
        try FileManager.default.copyItem(atPath: FixtureFiles.root + "/replicas/v1.sqlite", toPath: path)
        return path
    }

    @Test func aV1ReplicaMigratesAndShowsTheSameBytes() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let db = try copyOfV1(in: cli)
        let fixture = { (name: String) in String(decoding: try FixtureFiles.data("replicas/\(name)"), as: UTF8.self) }

        let show = try cli.run(["show", "--json", "--db", db])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout == (try fixture("v1.show.json")))
        #expect(try cli.run(["list", "--all", "--json", "--db", db]).stdout == (try fixture("v1.list.json")))
        let resolved = try fixture("v1.show-resolved.json")
        let resolvedID = try #require(resolved.split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first)
        #expect(try cli.run(["show", String(resolvedID), "--json", "--db", db]).stdout == resolved)
        #expect(try cli.run(["show", "--db", db]).stdout == (try fixture("v1.show.txt")))
        #expect(try cli.run(["remote", "list", "--db", db]).stdout.contains("usb"))

        // The migrated replica keeps recording where it left off, and its ops sync whole.
        #expect(try cli.run(["log", "after the migration", "--db", db]).status == 0)
        let bundle = cli.home.file("all.bundle")
        #expect(try cli.run(["bundle", "create", bundle, "--db", db]).stdout.contains("wrote 20 ops"))
        let copy = cli.home.file("copy.sqlite")
        #expect(try cli.run(["init", "--name", "carol", "--db", copy]).status == 0)
        #expect(try cli.run(["bundle", "apply", bundle, "--db", copy]).stdout.contains("20 applied"))
        let id = String(
            try #require(try fixture("v1.show.json").split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first))
        #expect(
            try cli.run(["show", id, "--json", "--db", copy]).stdout
                == cli.run(["show", id, "--json", "--db", db]).stdout)
    }

    /// `Fixtures/replicas/v6.sqlite` was made by the last build before keys (schema v6): two
    /// replicas' ops, an entry moved, a redaction, a note, a link, a status with its summary.
    @Test func aV6ReplicaGetsItsKeyAndItsNextOpsVerifyOnAPeerOfThisVersion() throws {
        let cli = try CommandRunner(environment: ["TZ": "UTC"])
        defer { cli.home.remove() }
        let db = cli.home.file("v6.sqlite")
        try FileManager.default.copyItem(atPath: FixtureFiles.root + "/replicas/v6.sqlite", toPath: db)
        let fixture = String(decoding: try FixtureFiles.data("replicas/v6.show.json"), as: UTF8.self)
        #expect(try cli.run(["show", "--json", "--db", db]).stdout == fixture)
        let whoami = try cli.run(["whoami", "--db", db]).stdout
        #expect(whoami.contains("key fingerprint: "), "\(whoami)")

        let doctor = try cli.run(["doctor", "--db", db]).stdout
        #expect(doctor.contains("signing: this replica has signed no op yet"), "\(doctor)")
        #expect(doctor.contains("unsigned: the ops of 2 replicas here were taken on trust"), "\(doctor)")

        #expect(try cli.run(["log", "after the upgrade", "--db", db]).status == 0)
        let signed = try cli.run(["doctor", "--db", db]).stdout
        #expect(signed.contains("signing: this replica's ops are signed from its op "), "\(signed)")
        #expect(signed.contains("unsigned: the ops of 1 replica here"), "the other replica of the fixture: \(signed)")
        let bundle = cli.home.file("all.bundle")
        #expect(try cli.run(["bundle", "create", bundle, "--db", db]).status == 0)
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        #expect(text.components(separatedBy: "\"seal\":").count == 2, "one seal: the first run after the upgrade")
        let peer = cli.home.file("peer.sqlite")
        #expect(try cli.run(["init", "--name", "carol", "--db", peer]).status == 0)
        let applied = try cli.run(["bundle", "apply", bundle, "--db", peer])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try cli.run(["doctor", "--db", peer]).stdout.contains("; 1 other replica signs here"))

        // Changed on the way, the sealed op is left out on a peer that knows the chain.
        #expect(try cli.run(["log", "second run", "--db", db]).status == 0)
        #expect(try cli.run(["bundle", "create", bundle, "--db", db]).status == 0)
        // The bundle's checksum made anew over the changed op, as someone who changed it would.
        let lines = try String(contentsOfFile: bundle, encoding: .utf8).split(separator: "\n").map(String.init)
        let changed = CraftedBundle.text(
            header: lines[0],
            operations: lines.dropFirst().dropLast().map {
                $0.replacingOccurrences(of: "second run", with: "second rum")
            })
        #expect(changed.contains("second rum"))
        try changed.write(toFile: bundle, atomically: true, encoding: .utf8)
        let before = try cli.run(["show", "--json", "--db", peer]).stdout
        let refused = try cli.run(["bundle", "apply", bundle, "--db", peer])
        #expect(refused.status == 0, "the bundle checks out; only the changed op is left out: \(refused.stderr)")
        #expect(refused.stdout.contains("left out ops of replica"), "\(refused.stdout)")
        #expect(try cli.run(["show", "--json", "--db", peer]).stdout == before, "nothing changed")
        let id = String(try #require(fixture.split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first))
        let shown = try cli.run(["show", id, "--db", peer]).stdout
        #expect(shown.contains("after the upgrade") && !shown.contains("second ru"), "\(shown)")
    }

    /// A replica made before keys keeps its old id; the seal of its first run after the
    /// upgrade binds that id to its key. On a team's replica its ops wait, named by the
    /// fingerprint its `whoami` prints; admitting that fingerprint applies them, under the
    /// roster's name. The fixture's other replica, never upgraded, waits as unsigned.
    @Test func aV6ReplicaUpgradedIsAdmittedByTheFingerprintItPrints() throws {
        let cli = try CommandRunner(environment: ["TZ": "UTC"])
        defer { cli.home.remove() }
        let old = cli.home.file("v6.sqlite")
        try FileManager.default.copyItem(atPath: FixtureFiles.root + "/replicas/v6.sqlite", toPath: old)
        #expect(try cli.run(["log", "after the upgrade", "--db", old]).status == 0)
        let whoami = try cli.run(["whoami", "--db", old]).stdout.split(separator: "\n")
        let fingerprint = try #require(whoami.last?.split(separator: ": ").last.map(String.init))
        let oldID = try #require(whoami.first?.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(fingerprint.filter { $0 != " " } != oldID, "an old replica's id is not its key's fingerprint")

        let team = cli.home.file("team.sqlite")
        #expect(try cli.run(["init", "--name", "erin", "--db", team]).status == 0)
        let own = try cli.run(["whoami", "--db", team]).stdout.split(separator: "\n").last!.split(separator: ": ").last!
        #expect(try cli.run(["team", "admit", String(own), "--name", "erin", "--db", team]).status == 0)
        let bundle = cli.home.file("old.bundle")
        #expect(try cli.run(["bundle", "create", bundle, "--db", old]).status == 0)
        let waited = try cli.run(["bundle", "apply", bundle, "--db", team])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(
            waited.stdout.contains("ops of replica \(fingerprint), written as 'alice', whose key"), "\(waited.stdout)")
        #expect(waited.stdout.contains("written as 'bob', unsigned (a replica not yet upgraded"), "\(waited.stdout)")
        #expect(try !cli.run(["show", "--json", "--db", team]).stdout.contains("after the upgrade"))

        let admitted = try cli.run(["team", "admit", fingerprint, "--name", "dana", "--db", team])
        #expect(admitted.status == 0, "\(admitted.stderr)")
        let listed = try cli.run(["team", "--db", team]).stdout
        #expect(listed.contains("dana  \(fingerprint)  admitted by erin"), "\(listed)")
        let fixture = String(decoding: try FixtureFiles.data("replicas/v6.show.json"), as: UTF8.self)
        let id = String(try #require(fixture.split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first))
        let shown = try cli.run(["show", id, "--db", team]).stdout
        #expect(shown.contains("dana: after the upgrade"), "under the roster's name: \(shown)")
        #expect(try cli.run(["team", "remove", fingerprint, "--db", team]).status == 0, "named by its fingerprint")
        #expect(try cli.run(["team", "--db", team]).stdout.contains("dana  \(fingerprint)  admitted by erin"))
    }
}
