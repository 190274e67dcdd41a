import Foundation
import IncidentTestSupport
import Testing

/// Inside a team, who wrote is the roster's name for the key that signed, not the name an
/// op claims: a member whose replica calls itself "alice" shows as the name it was admitted
/// under, in `show`, `--json`, `export`, the notes and a conflict, on every replica alike.
@Suite struct RosterNameCommandTests {
    func fingerprint(_ cli: CommandRunner, _ db: String) throws -> String {
        let whoami = try cli.run(["whoami", "--db", db]).stdout.split(separator: "\n")
        return try #require(whoami.last?.split(separator: ": ").last.map(String.init))
    }

    func carry(_ cli: CommandRunner, from: String, to: String) throws {
        let bundle = cli.home.file("carried.bundle")
        try? FileManager.default.removeItem(atPath: bundle)
        #expect(try cli.run(["bundle", "create", bundle, "--db", from]).status == 0)
        #expect(try cli.run(["bundle", "apply", bundle, "--db", to]).status == 0)
    }

    @Test func aMemberShowsUnderItsRosterNameWhateverItsOpsClaim() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let (alice, impostor) = (cli.home.file("a.sqlite"), cli.home.file("b.sqlite"))
        #expect(try cli.run(["init", "--name", "alice", "--db", alice]).status == 0)
        #expect(try cli.run(["init", "--name", "alice", "--db", impostor]).status == 0)
        let incident = try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", alice])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try cli.run(["team", "admit", try fingerprint(cli, impostor), "--name", "bob", "--db", alice]).status == 0)
        try carry(cli, from: alice, to: impostor)

        #expect(try cli.run(["log", "rolled back the deploy", "-i", incident, "--db", impostor]).status == 0)
        #expect(try cli.run(["notes", "add", "check the replica lag", "-i", incident, "--db", impostor]).status == 0)
        #expect(try cli.run(["set", "severity", "2", "-i", incident, "--db", impostor]).status == 0)
        #expect(try cli.run(["set", "severity", "3", "-i", incident, "--db", alice]).status == 0)
        let second = try cli.run(["new", "Disk full on db-2", "--severity", "2", "--db", impostor])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try carry(cli, from: impostor, to: alice)
        try carry(cli, from: alice, to: impostor)

        for db in [alice, impostor] {
            let shown = try cli.run(["show", incident, "--db", db]).stdout
            #expect(shown.contains("bob: rolled back the deploy"), "\(shown)")
            #expect(shown.contains("check the replica lag  (bob)"), "\(shown)")
            #expect(shown.contains("people: alice, bob"), "\(shown)")
            #expect(
                shown.contains("'3' (alice) vs '2' (bob)") || shown.contains("'2' (bob) vs '3' (alice)"), "\(shown)")

            let json =
                try JSONSerialization.jsonObject(
                    with: Data(try cli.run(["show", incident, "--json", "--db", db]).stdout.utf8)) as? [String: Any]
            let timeline = try #require(json?["timeline"] as? [[String: Any]])
            #expect(timeline.compactMap { $0["author"] as? String } == ["bob"])
            #expect(json?["people"] as? [String] == ["alice", "bob"])

            let listed = try cli.run(["show", second, "--db", db]).stdout
            #expect(listed.contains("reported by bob"), "\(listed)")
            let report = try cli.run(["export", incident, "--format", "markdown", "--db", db]).stdout
            #expect(report.contains("bob: rolled back the deploy"), "\(report)")
            #expect(report.contains("**People:** alice, bob"), "\(report)")
        }
    }

    @Test func outsideATeamTheClaimedNameShows() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let (one, other) = (cli.home.file("a.sqlite"), cli.home.file("b.sqlite"))
        #expect(try cli.run(["init", "--name", "alice", "--db", one]).status == 0)
        #expect(try cli.run(["init", "--name", "carol", "--db", other]).status == 0)
        let incident = try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", one])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try carry(cli, from: one, to: other)
        #expect(try cli.run(["log", "paged the DBA", "-i", incident, "--db", other]).status == 0)
        try carry(cli, from: other, to: one)
        let shown = try cli.run(["show", incident, "--db", one]).stdout
        #expect(shown.contains("carol: paged the DBA"), "\(shown)")
        #expect(shown.contains("people: alice, carol"), "\(shown)")
    }
}
