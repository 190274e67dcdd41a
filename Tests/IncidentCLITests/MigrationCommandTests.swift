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
}
