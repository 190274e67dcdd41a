import Foundation
import IncidentTestSupport
import Testing

/// What a new user hit, end to end: each fixed, tried from the command line.
@Suite struct NewUserCommandTests {
    @Test func syncCarriesOnPastARemoteThatFailsAndSaysSo() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let stick = cli.home.file("stick")
        try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true)
        #expect(try cli.run(["remote", "add", "hub", "http://127.0.0.1:9"]).status == 0)
        #expect(try cli.run(["remote", "add", "stick", stick]).status == 0)
        let sync = try cli.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("hub: failed"), "\(sync.stderr)")
        #expect(sync.stderr.contains("1 of 2 remotes failed (hub)"), "\(sync.stderr)")
        #expect(sync.stdout.contains("stick: "), "\(sync.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: stick).count == 1, "the stick was written")
    }

    @Test func anEmptyDatabasePathIsRefused() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let refused = try cli.run(["--db", "", "new", "lost?", "--severity", "1"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--db is empty"), "\(refused.stderr)")
    }

    @Test func anIncidentSomeoneHoldsOpenInAStatusConflictStaysListed() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        func run(_ name: String, _ arguments: [String]) throws -> CommandResult {
            try cli.run(arguments + ["--db", cli.home.file("\(name).sqlite")])
        }
        let share = cli.home.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let id = try run("alice", ["new", "Search API returns 500", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run("alice", ["sync", share])
        _ = try run("bob", ["sync", share])
        _ = try run("bob", ["use", id])
        _ = try run("alice", ["status", "resolved", "-m", "rolled back"])
        _ = try run("bob", ["status", "investigating"])
        for name in ["alice", "bob", "alice"] { _ = try run(name, ["sync", share]) }
        for name in ["alice", "bob"] {
            let listed = try run(name, ["list"]).stdout
            #expect(listed.contains(id) && listed.contains("CONFLICT"), "\(name): \(listed)")
        }
    }

    @Test func remotesKeepAbsolutePathsRefuseAMissingTokenFileAndADuplicateName() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        try "s3cret\n".write(toFile: cli.home.file("tok"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: cli.home.file("stick"), withIntermediateDirectories: true)
        #expect(try cli.run(["remote", "add", "hub", "https://hub.example:8080", "--token-file", "tok"]).status == 0)
        #expect(try cli.run(["remote", "add", "stick", "stick"]).status == 0)
        let listed = try cli.run(["remote", "list"]).stdout
        #expect(listed.contains("(token: \(cli.home.file("tok")))"), "\(listed)")
        #expect(listed.contains("stick  \(cli.home.file("stick"))"), "\(listed)")

        let missing = try cli.run(["remote", "add", "other", "https://x.example", "--token-file", "no-such-file"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the token file"), "\(missing.stderr)")
        let duplicate = try cli.run(["remote", "add", "hub", "https://elsewhere.example"])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("there is a remote named 'hub' already"), "\(duplicate.stderr)")
        #expect(try cli.run(["remote", "list"]).stdout == listed, "nothing changed")
    }

    @Test func importRefusesWhatIsNotTextAndAsksBeforeThousandsOfLines() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let before = try cli.run(["show", "--json"]).stdout
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x0A, 0x31, 0x34]).write(
            to: URL(fileURLWithPath: cli.home.file("a.out")))
        try Data([0x31, 0x34, 0x3A, 0x30, 0x32, 0x20, 0xFF, 0xFE, 0x0A]).write(
            to: URL(fileURLWithPath: cli.home.file("latin1.txt")))
        for file in ["a.out", "latin1.txt"] {
            let refused = try cli.run(["import", file])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is not a text file"), "\(refused.stderr)")
        }
        let big = (0..<6_000).map { "14:0\($0 % 10) line \($0)" }.joined(separator: "\n")
        try big.write(toFile: cli.home.file("big.log"), atomically: true, encoding: .utf8)
        let asked = try cli.run(["import", "big.log"])
        #expect(asked.status == 1)
        #expect(asked.stderr.contains("up to 6000 entries") && asked.stderr.contains("--yes"), "\(asked.stderr)")
        #expect(try cli.run(["show", "--json"]).stdout == before, "nothing imported")
        let imported = try cli.run(["import", "big.log", "--yes"])
        #expect(imported.stdout.contains("imported 6000 entries"), "\(imported.stdout) \(imported.stderr)")
    }

    @Test func whatTheREADMESaysHolds_initWithoutANameAndShowWithDashI() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let made = try cli.run(["init"])
        #expect(made.status == 0)
        #expect(made.stdout.contains("made replica") && made.stdout.contains("for "), "\(made.stdout)")
        #expect(try cli.run(["init"]).stdout.contains("is "), "run again: says who it is")
        let id = try cli.run(["new", "Search API returns 500", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try cli.run(["new", "Another", "--severity", "2"])
        let shown = try cli.run(["show", "-i", id])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Search API returns 500"))
        #expect(try cli.run(["show", id, "-i", "ffffff"]).status == 2)
    }

    @Test func aFailedCommandOnAFreshMachineCreatesNothingAndBadPathsAreNamed() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let replica = cli.home.file("data/incident/replica.sqlite")
        for arguments in [["log", "no incident yet"], ["status", "investigating"], ["bundle", "create", "x.bundle"]] {
            let failed = try cli.run(arguments)
            #expect(failed.status == 1, "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: replica), "\(arguments) created the replica")
        }
        let missingFolder = try cli.run(["--db", cli.home.file("no/such/dir/r.sqlite"), "new", "t", "--severity", "1"])
        #expect(missingFolder.status == 1)
        #expect(missingFolder.stderr.contains("does not exist"), "\(missingFolder.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("no")))
        let folder = try cli.run(["--db", cli.home.path, "new", "t", "--severity", "1"])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("it is a folder"), "\(folder.stderr)")
    }

    @Test func bundlesThroughPipesAndMessagesThatPointTheWay() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["init", "--name", "alice"])
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let bundle = try cli.run(["bundle", "create", "-"])
        #expect(bundle.status == 0)
        #expect(
            bundle.stdout.split(separator: "\n").first?.contains(#""bundle":"incident""#) == true,
            "the bundle itself is standard output")
        #expect(bundle.stderr.contains("wrote 1 ops to standard output"))
        let other = ["--db", cli.home.file("bob.sqlite")]
        let applied = try cli.run(["bundle", "apply", "-"] + other, input: bundle.stdout)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("1 applied"))

        let status = try cli.run(["set", "status", "resolved"])
        #expect(status.stderr.contains("`incident status STATUS`"), "\(status.stderr)")
        let version = try cli.run(["-V"])
        #expect(version.status == 0 && version.stdout.contains("operation format"))

        _ = try cli.run(["log", "a secret pasted here"])
        let entry = try #require(
            try cli.run(["show"]).stdout.split(separator: "\n").last?.split(separator: " ").dropFirst().first)
        #expect(try cli.run(["redact", String(entry), "--yes"]).status == 0)
        let edit = try cli.run(["edit", String(entry), "new text"])
        #expect(edit.status == 1)
        #expect(edit.stderr.contains("was redacted"), "\(edit.stderr)")
    }

    @Test func failuresAreSaidInWordsWithTheRightPaths() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let bundle = try cli.run(["bundle", "create", "/no/such/dir/x.bundle"])
        #expect(bundle.status == 1)
        #expect(bundle.stderr.contains("cannot write '/no/such/dir/x.bundle'") && !bundle.stderr.contains(".tmp-"))
        let refused = try cli.run(["sync", "http://127.0.0.1:9"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("connection refused: nothing listens there"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("errno"), "\(refused.stderr)")
    }

    @Test func theCurrentIncidentItsStatusAndWhoIAmAreOneWordAway() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["whoami"]).stdout.contains("no replica yet"))
        let first = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        #expect(first.stderr.contains("made replica") && first.stderr.contains("replica.sqlite"), "\(first.stderr)")
        let id = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!(try cli.run(["new", "Second", "--severity", "2"]).stderr.contains("made replica")), "first use only")
        _ = try cli.run(["use", id])
        let current = try cli.run(["use"])
        #expect(current.stdout.contains("current: \(id)  Search API returns 500  (reported)"), "\(current.stdout)")
        _ = try cli.run(["status", "stabilized", "-m", "rolled back"])
        let status = try cli.run(["status"])
        #expect(
            status.stdout.contains("\(id)  Search API returns 500: stabilized; mitigation: rolled back"),
            "\(status.stdout)")
        let whoami = try cli.run(["whoami"]).stdout
        #expect(whoami.contains("tester") || whoami.contains("replica "), "\(whoami)")
        #expect(whoami.contains(cli.home.file("data/incident/replica.sqlite")))
    }

    @Test func aLeadingTimeInLogTextIsReadAsOnStandardInputAndAnEarlierDayIsSaid() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let logged = try cli.run(["log", "14:02", "api", "5xx"])
        #expect(logged.status == 0)
        let show = try cli.run(["show", "--json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.utf8)) as? [String: Any])
        let entry = try #require((json["timeline"] as? [[String: Any]])?.first)
        #expect(entry["text"] as? String == "api 5xx", "the time is not part of the text")
        let at = try #require(entry["at"] as? String)
        #expect(at.hasSuffix("T14:02:00Z"))
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        let expected = at.hasPrefix(today) ? "14:02  api 5xx" : "\(at.prefix(10)) 14:02  api 5xx"
        #expect(logged.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected, "\(logged.stdout)")
    }

    @Test func aTimeThatCannotBeReadIsWarnedOfByLineNumber() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        try "14:02 api 5xx\n25:99 restarted pods\n13pm paged bob\n".write(
            toFile: cli.home.file("notes.txt"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "notes.txt"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("lines 2 (at "), "\(imported.stderr)")
        #expect(imported.stderr.contains(" 14:02), 3 (at "), "each with the time it was given: \(imported.stderr)")
        #expect(imported.stderr.contains("what looks like a time there is not one"), "\(imported.stderr)")
        let piped = try cli.run(["log"], input: "14:03 fine\n25:99 not fine\n")
        #expect(piped.stderr.contains("line 2 (at "), "\(piped.stderr)")
    }

    @Test func showNamesTheZoneOfItsTimesAndUTCOnRequest() throws {
        let cli = try CommandRunner(environment: ["TZ": "Europe/Paris"])
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1", "--at", "2026-11-28T13:00:00Z"])
        _ = try cli.run(["log", "--at", "2026-11-28T13:05:00Z", "api 5xx"])
        let local = try cli.run(["show"]).stdout
        #expect(local.contains("2026-11-28 14:00 · times in CET (UTC+01:00)"), "\(local)")
        #expect(local.contains("14:05"))
        let utc = try cli.run(["show", "--utc"]).stdout
        #expect(utc.contains("2026-11-28 13:00 · times in UTC") && utc.contains("13:05"), "\(utc)")
        #expect(try cli.run(["list", "--utc"]).stdout.contains("since 2026-11-28 13:00"))
        #expect(try cli.run(["-V"]).status == 0)
        let dashed = try cli.run(["log", "-5% drop"])
        #expect(dashed.status == 2)
        #expect(dashed.stderr.contains("put -- before it"), "\(dashed.stderr)")
    }

    @Test func aPortInUseAndAForeignSinceFileAreSaidInWords() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        try "not a bundle\n".write(toFile: cli.home.file("foreign.txt"), atomically: true, encoding: .utf8)
        let since = try cli.run(["bundle", "create", "out.bundle", "--since", "foreign.txt"])
        #expect(since.status == 1)
        #expect(since.stderr.contains("is not an incident bundle: nothing was written"), "\(since.stderr)")

        let port = Int.random(in: 20_000...60_000)
        let first = try cli.start(["serve", "--listen", "127.0.0.1:\(port)"])
        defer {
            kill(first.pid, SIGTERM)
            _ = try? first.finish()
        }
        var answered = false
        for _ in 0..<100 where !answered {
            answered = try cli.run(["sync", "http://127.0.0.1:\(port)"]).status == 0
            if !answered { usleep(100_000) }
        }
        #expect(answered)
        let second = try cli.run(["serve", "--listen", "127.0.0.1:\(port)"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(port): the port is in use"), "\(second.stderr)")
        kill(first.pid, SIGTERM)
        let log = try first.finish().stderr
        #expect(
            log.contains("POST /v1/pull 200 from 127.0.0.1 in "), "each request: method, path, status, client, time")
    }

    @Test func aFirstBundleOrSyncThatFailsLeavesNoReplicaAndOneThatWorksMakesIt() throws {
        let source = try CommandRunner()
        let cli = try CommandRunner()
        defer {
            source.home.remove()
            cli.home.remove()
        }
        _ = try source.run(["new", "Search API returns 500", "--severity", "1"])
        _ = try source.run(["bundle", "create", cli.home.file("good.bundle")])
        try "not a bundle\n".write(toFile: cli.home.file("bad.bundle"), atomically: true, encoding: .utf8)
        let folder = cli.home.file("data/incident")
        let replica = folder + "/replica.sqlite"
        for arguments in [
            ["bundle", "apply", "bad.bundle"], ["sync", cli.home.file("no-such-stick")],
            ["sync", "http://127.0.0.1:9"],
        ] {
            let failed = try cli.run(arguments)
            #expect(failed.status == 1, "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: replica), "\(arguments) left a replica")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            #expect(left.isEmpty, "\(arguments) left \(left)")
        }
        let applied = try cli.run(["bundle", "apply", "good.bundle"])
        #expect(applied.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["replica.sqlite"])
        #expect(try cli.run(["list"]).stdout.contains("Search API returns 500"))
        #expect(try cli.run(["whoami"]).stdout.contains("replica "), "named on first use")
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreReadByImportAndLog() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        try Data("\u{FEFF}14:01 first\r\n14:02 second\r\n".utf8).write(
            to: URL(fileURLWithPath: cli.home.file("notes.txt")))
        #expect(try cli.run(["import", "notes.txt"]).stdout.contains("imported 2 entries"))
        #expect(try cli.run(["log"], input: "\u{FEFF}14:03 third\r\n14:04 fourth\r\n").stdout.contains("logged 2"))
        let show = try cli.run(["show", "--json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.utf8)) as? [String: Any])
        let texts = (json["timeline"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
        #expect(texts == ["first", "second", "third", "fourth"], "\(texts ?? [])")
    }

    @Test func aMistypedCommandSuggestsTheNearestAndRemoteRmRemoves() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let mistyped = try cli.run(["lsit"])
        #expect(mistyped.status == 2)
        #expect(mistyped.stderr.contains("did you mean `incident list`?"), "\(mistyped.stderr)")
        #expect(try cli.run(["remote", "rmm", "usb"]).stderr.contains("did you mean `incident remote rm`?"))
        #expect(!(try cli.run(["zzzzzz"]).stderr.contains("did you mean")), "nothing near: no guess")
        let share = try TemporaryDirectory()
        defer { share.remove() }
        #expect(try cli.run(["remote", "add", "usb", share.path]).status == 0)
        let removed = try cli.run(["remote", "rm", "usb"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!(try cli.run(["remote", "list"]).stdout.contains("usb")))
    }

    @Test func dueExitsOneWhenAnUpdateIsOverdueWithExitCode() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        #expect(try cli.run(["due", "--exit-code"]).status == 0, "nothing open, nothing due")
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1", "--at", "2h ago"])
        let due = try cli.run(["due", "--exit-code"])
        #expect(due.status == 1)
        #expect(due.stdout.contains("update overdue by 1h"), "\(due.stdout)")
        #expect(try cli.run(["due"]).status == 0, "without the flag, as a prompt wants")
        _ = try cli.run(["log", "--kind", "update", "posted: investigating"])
        #expect(try cli.run(["due", "--exit-code"]).status == 0)
    }

    @Test func aCAFileWithoutACertificateIsRefusedByName() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let file = cli.home.file("not-a-ca.pem")
        try "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let added = try cli.run(["remote", "add", "hub", "https://127.0.0.1:9", "--ca-file", file])
        #expect(added.status == 1)
        #expect(added.stderr.contains("the CA file '\(file)' holds no certificate"), "\(added.stderr)")
        #expect(!(try cli.run(["remote", "list"]).stdout.contains("hub")), "nothing was added")
        let synced = try cli.run(["sync", "https://127.0.0.1:9"], environment: ["INCIDENT_CA_FILE": file])
        #expect(synced.status == 1)
        #expect(synced.stderr.contains("holds no certificate"), "\(synced.stderr)")
        #expect(!synced.stderr.contains("by_file.cc"))
    }

    @Test func notesEditWithNoEditorAndNoTerminalRefusesAtOnce() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        _ = try cli.run(["notes", "add", "watching the error rate"])
        let refused = try cli.run(["notes", "edit"], environment: ["EDITOR": "", "VISUAL": ""])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no editor is set"), "\(refused.stderr)")
        #expect(try cli.run(["notes"]).stdout.contains("watching the error rate"), "nothing was written")
    }

    @Test(ExternalProgram.needed("sqlite3")) func aCommandWaitingForAnotherWriterSaysSo() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        // Another process holds the write lock for two seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", cli.home.file("data/incident/replica.sqlite")]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell sleep 2\nCOMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        Thread.sleep(forTimeInterval: 0.5)
        let logged = try cli.run(["log", "recorded while another process wrote"])
        holder.waitUntilExit()
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stderr.contains("waiting for another incident process"), "\(logged.stderr)")
        #expect(try cli.run(["show"]).stdout.contains("recorded while another process wrote"))
    }

    @Test func theShellCompletesStatusesKindsAndIncidentIDs() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let script = try cli.run(["--generate-completion-script", "bash"]).stdout
        for words in [
            "'reported'$'\\n''stabilized'", "'title'$'\\n''severity'$'\\n''lead'", "'event'$'\\n''update'",
            "'issue'$'\\n''post'$'\\n''thread'",
        ] {
            #expect(script.contains(words), "\(words)")
        }
        let first = try cli.run(["new", "Search API returns 500", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let second = try cli.run(["new", "Login fails", "--severity", "2"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // What the script runs when completing `incident show -i <TAB>`.
        let completed = try cli.run([
            "---completion", "show", "--", "--incident", "3", "0", "incident", "show", "-i", "",
        ])
        #expect(completed.status == 0, "\(completed.stderr)")
        #expect(Set(completed.stdout.split(separator: "\n").map(String.init)) == [first, second])
    }
}
