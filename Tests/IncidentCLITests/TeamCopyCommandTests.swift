import Foundation
import IncidentTestSupport
import Testing

/// A member's replica file copied (a restored backup, a cloned machine) goes on under an
/// id of its own, in the member's place on the roster by its key's signature
/// (`team.succeed`): no other member has to admit it, and nothing either copy wrote is lost.
@Suite struct TeamCopyCommandTests {
    func fingerprint(_ cli: CommandRunner, _ db: String) throws -> String {
        let whoami = try cli.run(["whoami", "--db", db]).stdout.split(separator: "\n")
        return try #require(whoami.last?.split(separator: ": ").last.map(String.init))
    }

    @discardableResult
    func carry(_ cli: CommandRunner, from: String, to: String) throws -> CommandResult {
        let bundle = cli.home.file("carried.bundle")
        try? FileManager.default.removeItem(atPath: bundle)
        #expect(try cli.run(["bundle", "create", bundle, "--db", from]).status == 0)
        let applied = try cli.run(["bundle", "apply", bundle, "--db", to])
        #expect(applied.status == 0, "\(applied.stderr)")
        return applied
    }

    /// Alice's team with bob in it, and an incident; bob's file copied to `copies`.
    func team(_ cli: CommandRunner, copies: [String]) throws -> (alice: String, bob: String, incident: String) {
        let (alice, bob) = (cli.home.file("a.sqlite"), cli.home.file("b.sqlite"))
        #expect(try cli.run(["init", "--name", "alice", "--db", alice]).status == 0)
        #expect(try cli.run(["init", "--name", "bob", "--db", bob]).status == 0)
        let incident = try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", alice])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["team", "admit", try fingerprint(cli, bob), "--name", "bob", "--db", alice]).status == 0)
        try carry(cli, from: alice, to: bob)
        for copy in copies { try FileManager.default.copyItem(atPath: bob, toPath: copy) }
        return (alice, bob, incident)
    }

    @Test func aRestoredBackupHealsAndGoesOnInItsMembersPlace() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let backup = cli.home.file("backup.sqlite")
        let (alice, bob, incident) = try team(cli, copies: [backup])
        #expect(try cli.run(["log", "from the laptop", "-i", incident, "--db", bob]).status == 0)
        #expect(try cli.run(["log", "from the restored backup", "-i", incident, "--db", backup]).status == 0)
        try carry(cli, from: bob, to: alice)
        let early = try carry(cli, from: backup, to: alice)
        #expect(early.stdout.contains("written as 'bob', unsigned"), "the copy's history waits: \(early.stdout)")

        let healed = try carry(cli, from: alice, to: backup)
        #expect(healed.stdout.contains("this replica file was a copy of another"), "\(healed.stdout)")
        let later = try carry(cli, from: backup, to: alice)
        #expect(!later.stdout.contains("waiting:"), "no member had to admit the copy: \(later.stdout)")
        #expect(try cli.run(["log", "after healing", "-i", incident, "--db", backup]).status == 0)
        try carry(cli, from: backup, to: alice)
        try carry(cli, from: alice, to: bob)

        let bobsKey = try fingerprint(cli, bob)
        for db in [alice, bob] {
            let shown = try cli.run(["show", incident, "--db", db]).stdout
            for text in ["bob: from the laptop", "bob: from the restored backup", "bob: after healing"] {
                #expect(shown.contains(text), "\(text) on \(db): \(shown)")
            }
            let listed = try cli.run(["team", "--db", db]).stdout
            #expect(listed.contains("a copy of bob's replica file (\(bobsKey)), in its place"), "\(listed)")
            #expect(!listed.contains("waiting:"), "\(listed)")
        }

        // The name is the member's; removing it removes the copy in its place too (it holds the key).
        #expect(try cli.run(["team", "remove", "bob", "--db", alice]).status == 0)
        let removed = try cli.run(["team", "--db", alice]).stdout
        #expect(removed.components(separatedBy: "; removed by alice").count == 3, "\(removed)")
        #expect(try cli.run(["log", "after the removal", "-i", incident, "--db", backup]).status == 0)
        try carry(cli, from: backup, to: alice)
        #expect(try !cli.run(["show", incident, "--db", alice]).stdout.contains("after the removal"))
    }

    @Test func aCloneGivenANewIdIsInItsMembersPlaceByItsOldKey() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let clone = cli.home.file("clone.sqlite")
        let (alice, _, incident) = try team(cli, copies: [clone])
        #expect(try cli.run(["init", "--new-id", "--db", clone]).status == 0)
        #expect(try cli.run(["log", "from the cloned machine", "-i", incident, "--db", clone]).status == 0)
        let applied = try carry(cli, from: clone, to: alice)
        #expect(!applied.stdout.contains("waiting:"), "\(applied.stdout)")
        #expect(try cli.run(["show", incident, "--db", alice]).stdout.contains("bob: from the cloned machine"))
    }
}
