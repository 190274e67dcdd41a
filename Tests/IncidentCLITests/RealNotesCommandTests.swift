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

    /// `show --json`'s entries as (at, text).
    func entries(_ cli: CommandRunner) throws -> [[String]] {
        let json = try cli.run(["show", "--json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        return timeline.compactMap { entry in
            guard let at = entry["at"] as? String, let text = entry["text"] as? String else { return nil }
            return [at, text]
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
}
