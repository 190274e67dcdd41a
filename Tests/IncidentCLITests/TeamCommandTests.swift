import Foundation
import IncidentTestSupport
import Testing

/// The roster from the command line, as a team would use it: the first admit founds the
/// team, a replica that syncs with it joins and says whose, a stranger's ops wait with one
/// line that names its key and the command that admits it, and apply once admitted.
@Suite struct TeamCommandTests {
    /// `incident whoami`'s fingerprint of the replica at `db`.
    func fingerprint(_ cli: CommandRunner, _ db: String) throws -> String {
        let whoami = try cli.run(["whoami", "--db", db]).stdout.split(separator: "\n")
        return try #require(whoami.last?.split(separator: ": ").last.map(String.init))
    }

    /// Carries every op of `from` into `to` by a bundle; the sync's output.
    func carry(_ cli: CommandRunner, from: String, to: String) throws -> CommandResult {
        let bundle = cli.home.file("carried.bundle")
        try? FileManager.default.removeItem(atPath: bundle)
        #expect(try cli.run(["bundle", "create", bundle, "--db", from]).status == 0)
        return try cli.run(["bundle", "apply", bundle, "--db", to])
    }

    @Test func aStrangersOpsWaitUntilAMemberAdmitsItsKey() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let (alice, bob, mallory) = (cli.home.file("a.sqlite"), cli.home.file("b.sqlite"), cli.home.file("m.sqlite"))
        for (name, db) in [("alice", alice), ("bob", bob), ("mallory", mallory)] {
            #expect(try cli.run(["init", "--name", name, "--db", db]).status == 0)
        }
        #expect(try cli.run(["team", "--db", alice]).stdout.hasPrefix("no team yet"))
        let created = try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", alice])
        let incident = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let admitted = try cli.run(["team", "admit", try fingerprint(cli, bob), "--name", "bob", "--db", alice])
        #expect(admitted.status == 0, "\(admitted.stderr)")
        #expect(admitted.stdout.contains("founded the team, with 2 members"), "\(admitted.stdout)")
        let joined = try carry(cli, from: alice, to: bob)
        #expect(joined.stdout.contains("joined the team founded by \(try fingerprint(cli, alice))"), "\(joined.stdout)")
        let listed = try cli.run(["team", "--db", bob]).stdout
        #expect(listed.contains("alice  \(try fingerprint(cli, alice))  founded the team"), "\(listed)")
        #expect(listed.contains("bob  \(try fingerprint(cli, bob))  admitted by alice"), "\(listed)")

        _ = try carry(cli, from: alice, to: mallory)
        #expect(try cli.run(["log", "all clear, closing", "-i", incident, "--db", mallory]).status == 0)
        let held = try carry(cli, from: mallory, to: bob)
        let stranger = try fingerprint(cli, mallory)
        #expect(held.status == 0, "nothing is wrong with the bundle: its ops are kept, and wait")
        #expect(held.stdout.contains("waiting: 1 ops of replica \(stranger), written as 'mallory'"), "\(held.stdout)")
        #expect(held.stdout.contains("`incident team admit '\(stranger)' --name NAME` admits it"))
        #expect(try !cli.run(["show", incident, "--db", bob]).stdout.contains("all clear"))
        #expect(try cli.run(["doctor", "--db", bob]).stdout.contains("admission: 1 ops of replica \(stranger)"))
        #expect(try cli.run(["team", "--db", bob]).stdout.contains("waiting: 1 ops of \(stranger)"))

        #expect(try cli.run(["team", "admit", stranger, "--name", "mallory", "--db", bob]).status == 0)
        #expect(try cli.run(["show", incident, "--db", bob]).stdout.contains("all clear"), "applied once admitted")
        #expect(try cli.run(["team", "remove", "mallory", "--db", bob]).status == 0)
        #expect(try cli.run(["team", "--db", bob]).stdout.contains("mallory  \(stranger)  admitted by bob"))
        #expect(try cli.run(["team", "--db", bob]).stdout.contains("; removed by bob after its op 1"))
    }

    @Test func aBadFingerprintOrAnUnknownNameChangesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let db = cli.home.file("a.sqlite")
        #expect(try cli.run(["init", "--name", "alice", "--db", db]).status == 0)
        let bad = try cli.run(["team", "admit", "3f2a 1b9c", "--name", "bob", "--db", db])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("'3f2a 1b9c' is not a fingerprint"), "\(bad.stderr)")
        let unknown = try cli.run(["team", "remove", "carol", "--db", db])
        #expect(unknown.status == 1)
        #expect(!unknown.stderr.isEmpty)
        #expect(try cli.run(["team", "--db", db]).stdout.hasPrefix("no team yet"), "no team was founded")
    }
}

/// `init --team FP`: a replica pinned to a team before its first sync joins no other.
@Suite struct TeamPinCommandTests {
    @Test func aPinnedReplicaJoinsItsTeamAndNoOther() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let team = TeamCommandTests()
        let (alice, bob, mallory) = (cli.home.file("a.sqlite"), cli.home.file("b.sqlite"), cli.home.file("m.sqlite"))
        for (name, db) in [("alice", alice), ("mallory", mallory)] {
            #expect(try cli.run(["init", "--name", name, "--db", db]).status == 0)
        }
        #expect(try cli.run(["init", "--name", "bob", "--db", bob]).status == 0)
        let founder = try team.fingerprint(cli, alice)
        let pinned = try cli.run(["init", "--team", founder, "--db", bob])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        #expect(pinned.stdout.contains("in the team founded by \(founder)"), "\(pinned.stdout)")
        #expect(try cli.run(["team", "--db", bob]).stdout.contains("none of its roster held yet"))

        // Mallory founds a team of her own and gets to Bob first: he does not join it.
        let rival = try cli.run(["new", "Rival incident", "--severity", "2", "--db", mallory])
        let rivalIncident = rival.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try cli.run(["team", "admit", try team.fingerprint(cli, bob), "--name", "bob", "--db", mallory]).status == 0
        )
        let first = try team.carry(cli, from: mallory, to: bob)
        #expect(!first.stdout.contains("joined the team"), "\(first.stdout)")
        #expect(
            first.stdout.contains("waiting: 3 ops of replica \(try team.fingerprint(cli, mallory))"), "\(first.stdout)")
        #expect(try cli.run(["show", rivalIncident, "--db", bob]).status != 0, "her incident waits")

        let created = try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", alice])
        let incident = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try cli.run(["team", "admit", try team.fingerprint(cli, bob), "--name", "bob", "--db", alice]).status == 0)
        _ = try team.carry(cli, from: alice, to: bob)
        #expect(try cli.run(["show", incident, "--db", bob]).stdout.contains("Search API returns 500"))
        #expect(try cli.run(["team", "--db", bob]).stdout.contains("alice  \(founder)  founded the team"))

        let again = try cli.run(["init", "--team", try team.fingerprint(cli, mallory), "--db", bob])
        #expect(again.status == 1)
        #expect(again.stderr.contains("belongs to the team founded by \(founder) already"), "\(again.stderr)")
        let bad = try cli.run(["init", "--team", "not a fingerprint", "--db", bob])
        #expect(bad.status == 2 && bad.stderr.contains("is not a fingerprint"), "\(bad.stderr)")
    }
}
