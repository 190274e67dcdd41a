import Foundation
import IncidentTestSupport
import Testing

/// The recording commands end to end: the built executable, a temporary home, as a new user.
@Suite struct RecordingCommandTests {
    @Test func aNewUserRecordsAnIncidentOffline() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["init", "--name", "alice"]).status == 0)
        let new = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        #expect(new.status == 0)
        let id = new.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count >= 6)

        #expect(try cli.run(["log", "--at", "2026-11-28 14:02", "api 5xx climbing"]).status == 0)
        let piped = try cli.run(["log"], input: "2026-11-28 14:05 paged bob\n14:07 restarted pods\n")
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("logged 2 entries"))

        try "# scratch\n2026-11-28 14:03 dashboards red\n14:04 cache hit rate 0%\n"
            .write(toFile: cli.home.file("scratch.txt"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", "scratch.txt"]).stdout.contains("imported 2 entries, 0 already present"))
        #expect(try cli.run(["import", "scratch.txt"]).stdout.contains("imported 0 entries, 2 already present"))

        let refused = try cli.run(["status", "stabilized"])
        #expect(refused.status == 2, "a missing -m is a usage error, as any missing argument")
        #expect(refused.stderr.contains("-m"))
        #expect(try cli.run(["status", "stabilized", "-m", "rolled back the deploy"]).status == 0)

        let show = try cli.run(["show", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        for key in [
            "id", "title", "severity", "status", "lead", "timeline", "notes", "alarms", "links", "actions", "conflicts",
        ] {
            #expect(object[key] != nil, "show --json lacks \(key)")
        }
        #expect(object["status"] as? String == "stabilized")
        #expect(object["mitigation"] as? String == "rolled back the deploy")
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(
            timeline.prefix(5).compactMap { $0["text"] as? String } == [
                "api 5xx climbing", "dashboards red", "cache hit rate 0%", "paged bob", "restarted pods",
            ])
        #expect(timeline.first?["at"] as? String == "2026-11-28T14:02:00Z")
        for entry in timeline {
            #expect(Set(entry.keys).isSuperset(of: ["id", "at", "author", "kind", "text"]))
        }

        let list = try cli.run(["list"])
        #expect(list.stdout.contains(id))
        #expect(list.stdout.contains("Search API returns 500"))
    }

    @Test func badInputFailsClearlyAndChangesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let before = try cli.run(["show", "--json"]).stdout

        let unknown = try cli.run(["show", "ffffff0"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no incident matches 'ffffff0'"))
        let unknownLog = try cli.run(["log", "-i", "ffffff0", "text"])
        #expect(unknownLog.status == 1)

        let badTime = try cli.run(["log", "--at", "25:99", "api down"])
        #expect(badTime.status == 2)
        #expect(badTime.stderr.contains("bad time '25:99'"))

        let badSeverity = try cli.run(["new", "x", "--severity", "7"])
        #expect(badSeverity.status == 2)
        #expect(badSeverity.stderr.contains("bad severity '7'"))

        let badLine = try cli.run(["log"], input: "fine line\n2999-01-01 10:00 from the future\n")
        #expect(badLine.status == 1)
        #expect(badLine.stderr.contains("line 2"))

        let missing = try cli.run(["import", "no-such-file.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read 'no-such-file.txt'"))

        #expect(try cli.run(["show", "--json"]).stdout == before)
        #expect(try cli.run(["list", "--all"]).stdout.split(separator: "\n").count == 1)
    }

    @Test func firstUseNeedsNoSetupAndUsesTheDefaultPath() throws {
        let cli = try CommandRunner(environment: ["USER": "carol"])
        defer { cli.home.remove() }
        let new = try cli.run(["new", "Staging down", "--severity", "3"])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.home.file("data/incident/replica.sqlite")))
        let show = try cli.run(["show", "--json"])
        #expect(show.stdout.contains("\"reportedBy\":\"carol\""))
    }

    @Test func readingOnAFreshMachineCreatesNothingAndAForeignFileIsRefused() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["list", "--all"]).status == 0)
        #expect(try cli.run(["show"]).stderr.contains("no current incident"))
        #expect(try cli.run(["use", "abcdef"]).status == 1)
        #expect(try cli.run(["remote", "list"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("data/incident/replica.sqlite")))

        let foreign = cli.home.file("notes.txt")
        try "not a database, just notes\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        let refused = try cli.run(["log", "--db", foreign, "x"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot open the replica"))
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "not a database, just notes\n")
    }

    @Test func withoutXDGDataHomeTheReplicaLivesUnderHome() throws {
        let cli = try CommandRunner(environment: ["XDG_DATA_HOME": ""])
        defer { cli.home.remove() }
        #expect(try cli.run(["new", "Staging down", "--severity", "3"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.home.file(".local/share/incident/replica.sqlite")))
    }

    @Test func twoLogProcessesWritingOneReplicaAtOnceBothSucceed() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let lines = 400
        let inputs = (0..<2).map { writer in
            (0..<lines).map { "writer \(writer) line \($0)" }.joined(separator: "\n")
        }
        let single = (0..<20).map { try? cli.start(["log", "single \($0)"]) }
        let processes = try inputs.map { try cli.start(["log"], input: $0) }
        let results = try processes.map { try $0.finish() }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        for process in single { #expect(try process?.finish().status == 0) }
        let show = try cli.run(["show", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect((object["timeline"] as? [Any])?.count == 2 * lines + 20)
    }

    @Test func anEmptyListSaysSoOnATerminalAndPrintsNothingInAPipe() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["list"]).stdout.isEmpty)
        let text = try cli.runInTerminal(["list"])
        #expect(text.contains("no open incidents"))
    }

    @Test func entriesAreEditedAndRedactedByIdPrefix() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        _ = try cli.run(["log", "token=hunter2 pasted by mistake"])
        _ = try cli.run(["log", "paged bob"])
        let timeline = try Self.timeline(cli)
        let secret = try #require(
            timeline.first { ($0["text"] as? String)?.contains("hunter2") == true }?["id"] as? String)
        let paged = try #require(timeline.first { $0["text"] as? String == "paged bob" }?["id"] as? String)

        #expect(try cli.run(["edit", String(paged.prefix(8)), "paged bob and carol"]).status == 0)
        let unconfirmed = try cli.run(["redact", String(secret.prefix(8))])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("--yes"))
        #expect(try Self.timeline(cli).contains { ($0["text"] as? String)?.contains("hunter2") == true })
        let declined = try cli.runInTerminal(["redact", String(secret.prefix(8))], input: "n\n")
        #expect(declined.contains("hunter2") && declined.contains("[y/N]"), "it shows what it would redact")
        #expect(declined.contains("nothing redacted"))
        #expect(try Self.timeline(cli).contains { ($0["text"] as? String)?.contains("hunter2") == true })
        let confirmed = try cli.runInTerminal(["redact", String(secret.prefix(8))], input: "y\n")
        #expect(confirmed.contains("redacted \(secret.prefix(8))"))
        let after = try Self.timeline(cli)
        #expect(after.contains { $0["text"] as? String == "paged bob and carol" })
        #expect(
            after.contains {
                $0["id"] as? String == secret && $0["redacted"] as? Bool == true && $0["text"] as? String == ""
            })
        #expect(try cli.run(["show"]).stdout.contains("[redacted]"))
        #expect(!(try cli.run(["show", "--json"]).stdout.contains("hunter2")))
        let unknown = try cli.run(["redact", "ffffffff", "--yes"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no timeline entry"))
    }

    static func timeline(_ cli: CommandRunner) throws -> [[String: Any]] {
        let show = try cli.run(["show", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        return try #require(object["timeline"] as? [[String: Any]])
    }

    @Test func aWriterKilledMidTransactionLosesNothingCommitted() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        _ = try cli.run(["log", "committed before the crash"])
        let lines = (0..<40_000).map { "bulk line \($0)" }.joined(separator: "\n")
        let writer = try cli.start(["log"], input: lines)
        Thread.sleep(forTimeInterval: 1.0)
        kill(writer.pid, SIGKILL)
        _ = try writer.finish()

        let count = try Self.timeline(cli).count
        #expect(count == 1 || count == 40_001, "one transaction: all of the batch or none of it, got \(count)")
        #expect(try Self.timeline(cli).contains { $0["text"] as? String == "committed before the crash" })
        #expect(try cli.run(["log", "after the crash"]).status == 0)
        #expect(try Self.timeline(cli).count == count + 1)
    }

    @Test func usageErrorsExitWithTwo() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["frobnicate"]).status == 2)
        #expect(try cli.run(["new", "no severity"]).status == 2)
        #expect(try cli.run(["status", "exploded"]).status == 2)
        #expect(try cli.run(["--help"]).status == 0)
        let version = try cli.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("operation format 7, bundle format 2"))
    }
}

@Suite struct GlobalOptionTests {
    @Test func theDatabaseOptionWorksBeforeOrAfterTheCommand() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let path = cli.home.file("elsewhere.sqlite")
        #expect(try cli.run(["--db", path, "new", "Staging down", "--severity", "3"]).status == 0)
        #expect(try cli.run(["list", "--db", path]).stdout.contains("Staging down"))
        #expect(try cli.run(["--db=\(path)", "list"]).stdout.contains("Staging down"))
        #expect(try cli.run(["list"]).stdout.isEmpty, "the default replica is untouched")
    }
}
