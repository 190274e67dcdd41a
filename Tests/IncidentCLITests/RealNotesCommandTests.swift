import Foundation
import IncidentTestSupport
import Testing

/// The working notes of a real outage, written as its responders wrote them (GitLab.com's
/// database incident of 2017-01-31), imported from the command line.
@Suite struct RealNotesCommandTests {
    static let notes = """
        Database replication lag alerts firing
        2017/01/31 6pm UTC team-member-1 starts removing data from db1 staging
        9:30pm UTC spam load on the database
        ~10pm UTC replication lag alerts, db2 stops replicating
        10pm-ish UTC attempts to fix db2
        11:27pm UTC team-member-1 runs rm -rf on the wrong host
        [11:27 PM] alice: wait, which host?
        2017-02-01 00:00 UTC checking for backups
        25:99 not a time

        """

    /// `show --json`'s entries as (at, text), or (at, text, id) with `ids`.
    func entries(_ cli: CommandRunner, _ arguments: [String] = [], ids: Bool = false) throws -> [[String]] {
        let json = try cli.run(["show", "--json"] + arguments).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        return timeline.compactMap { entry in
            guard let at = entry["at"] as? String, let text = entry["text"] as? String, let id = entry["id"] as? String
            else { return nil }
            return ids ? [at, text, id] : [at, text]
        }
    }

    @Test func anOutagesNotesLandAtTheirTimesAndADryRunWritesNothing() throws {
        // The machine's zone is not the notes': their zone holds.
        let cli = try CommandRunner(environment: ["TZ": "America/New_York"])
        defer { cli.home.remove() }
        _ = try cli.run(["new", "GitLab.com database outage", "--severity", "1"])
        try Self.notes.write(toFile: cli.home.file("notes.txt"), atomically: true, encoding: .utf8)

        let dry = try cli.run(["import", "notes.txt", "--dry-run"], environment: ["TZ": "UTC"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let printed = dry.stdout.split(separator: "\n").map(String.init)
        #expect(printed.first == "2017-01-31 18:00  Database replication lag alerts firing")
        #expect(printed.contains("2017-01-31 23:27  alice: wait, which host?"))
        #expect(printed.last == "would import 9 lines; nothing was written")
        #expect(dry.stderr.contains("line 9 (at 2017-02-01 00:00)"), "\(dry.stderr)")
        #expect(try entries(cli).allSatisfy { !$0[0].hasPrefix("2017") }, "nothing was written")

        let imported = try cli.run(["import", "notes.txt"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let landed = try entries(cli).filter { $0[0].hasPrefix("2017") }
        #expect(
            landed == [
                ["2017-01-31T18:00:00Z", "Database replication lag alerts firing"],
                ["2017-01-31T18:00:00Z", "team-member-1 starts removing data from db1 staging"],
                ["2017-01-31T21:30:00Z", "spam load on the database"],
                ["2017-01-31T22:00:00Z", "~10pm UTC replication lag alerts, db2 stops replicating"],
                ["2017-01-31T22:00:00Z", "10pm-ish UTC attempts to fix db2"],
                ["2017-01-31T23:27:00Z", "team-member-1 runs rm -rf on the wrong host"],
                ["2017-01-31T23:27:00Z", "alice: wait, which host?"],
                ["2017-02-01T00:00:00Z", "checking for backups"],
                ["2017-02-01T00:00:00Z", "25:99 not a time"],
            ])
        let again = try cli.run(["import", "notes.txt"])
        #expect(again.stdout.contains("imported 0 entries, 9 already present"), "\(again.stdout)")
    }

    @Test func aMisreadLineIsMovedToItsTimeAndTwoMovesAtOnceAreShownUntilSettled() throws {
        let cli = try CommandRunner(environment: ["TZ": "UTC"])
        defer { cli.home.remove() }
        let alice = ["--db", cli.home.file("alice.sqlite")]
        let bob = ["--db", cli.home.file("bob.sqlite")]
        _ = try cli.run(["init", "--name", "alice"] + alice)
        _ = try cli.run(["init", "--name", "bob"] + bob)
        let incident = try cli.run(["new", "GitLab.com database outage", "--severity", "1"] + alice).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.notes.write(toFile: cli.home.file("notes.txt"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", "notes.txt"] + alice).status == 0)
        let misread = try #require(try entries(cli, alice, ids: true).first { $0[1] == "25:99 not a time" })
        #expect(misread[0] == "2017-02-01T00:00:00Z", "it took the time of the line before")
        let entry = misread[2]
        let short = String(entry.prefix(6))

        let moved = try cli.run(["edit", short, "--at", "2017-01-31 23:50 UTC"] + alice)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout == "moved \(short) to 2017-01-31 23:50\n")
        var landed = try entries(cli, alice).filter { $0[0].hasPrefix("2017") }
        #expect(
            landed.suffix(2) == [
                ["2017-01-31T23:50:00Z", "25:99 not a time"], ["2017-02-01T00:00:00Z", "checking for backups"],
            ])
        // A bare time is the one nearest where the entry stands: just past midnight is the next day.
        #expect(try cli.run(["edit", short, "--at", "00:05"] + alice).status == 0)
        landed = try entries(cli, alice).filter { $0[0].hasPrefix("2017") }
        #expect(landed.last == ["2017-02-01T00:05:00Z", "25:99 not a time"])

        // Refused, and nothing changes: no text and no time, a time of no form, the future.
        let before = try cli.run(["show", "--json"] + alice).stdout
        for arguments in [
            ["edit", short], ["edit", short, "--at", "25:99"], ["edit", short, "--at", "2099-01-01 00:00"],
        ] {
            let refused = try cli.run(arguments + alice)
            #expect(refused.status != 0, "\(arguments)")
            #expect(!refused.stderr.isEmpty, "\(arguments)")
        }
        #expect(try cli.run(["show", "--json"] + alice).stdout == before)

        // Bob hears of the entry, then both move it before hearing of the other's move.
        let bundle = cli.home.file("alice.bundle")
        #expect(try cli.run(["bundle", "create", bundle] + alice).status == 0)
        #expect(try cli.run(["bundle", "apply", bundle] + bob).status == 0)
        #expect(try cli.run(["edit", short, "-i", incident, "--at", "23:45"] + alice).status == 0)
        #expect(try cli.run(["edit", short, "-i", incident, "--at", "23:40"] + bob).status == 0)
        let bobs = cli.home.file("bob.bundle")
        #expect(try cli.run(["bundle", "create", bundle] + alice).status == 0)
        #expect(try cli.run(["bundle", "create", bobs] + bob).status == 0)
        #expect(try cli.run(["bundle", "apply", bundle] + bob).status == 0)
        let applied = try cli.run(["bundle", "apply", bobs] + alice)
        #expect(applied.stdout.contains("left a conflict"), "\(applied.stdout)")
        for replica in [alice, bob] {
            let shown = try cli.run(["show", incident] + replica).stdout
            #expect(shown.contains("CONFLICT entry \(short) time: '"), "\(shown)")
            #expect(shown.contains("'2017-01-31 23:45' (alice)"), "\(shown)")
            #expect(shown.contains("'2017-01-31 23:40' (bob)"), "\(shown)")
            #expect(shown.contains("`incident edit \(short) --at TIME` settles it"), "\(shown)")
        }
        #expect(try cli.run(["edit", short, "-i", incident, "--at", "23:42"] + bob).status == 0)
        #expect(try cli.run(["bundle", "create", bobs] + bob).status == 0)
        #expect(try cli.run(["bundle", "apply", bobs] + alice).status == 0)
        for replica in [alice, bob] {
            #expect(try !cli.run(["show", incident] + replica).stdout.contains("CONFLICT"))
            #expect(
                try entries(cli, ["-i", incident] + replica).contains(["2017-01-31T23:42:00Z", "25:99 not a time"]))
        }
    }
}
