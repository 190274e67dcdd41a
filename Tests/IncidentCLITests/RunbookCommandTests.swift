import Foundation
import IncidentTestSupport
import Testing

/// The runbook end to end, as a maintainer types it: notes, promotion, the update
/// cadence, alarms, action items, the statuses, the postmortem and the report.
@Suite struct RunbookCommandTests {
    @Test func anIncidentFromRecordToReview() throws {
        let team = try SyncCommandTests.Team()
        defer { team.cli.home.remove() }
        let id = try team.run("alice", ["new", "Search returns nothing", "--severity", "1", "--at", "4h ago"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try team.run("alice", ["log", "--kind", "update", "--at", "3h ago", "posted on status page"]).status == 0)

        #expect(try team.run("alice", ["notes", "add", "cloudflare shows one ASN at 80%"]).stdout == "note line 1\n")
        #expect(try team.run("alice", ["notes", "add", "blocked the ASN at 14:10"]).stdout == "note line 2\n")
        // bob holds the same notes, and promotes the same line before hearing of alice's promotion.
        let bundle = team.cli.home.file("alice.bundle")
        #expect(try team.run("alice", ["bundle", "create", bundle]).status == 0)
        #expect(try team.run("bob", ["bundle", "apply", bundle]).status == 0)
        #expect(try team.run("alice", ["notes", "promote", "2"]).status == 0)
        let again = try team.run("alice", ["notes", "promote", "2"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("line 2 is on the timeline already"))
        #expect(try team.run("bob", ["notes", "promote", "2", "-i", id]).status == 0)
        let back = team.cli.home.file("bob.bundle")
        #expect(try team.run("bob", ["bundle", "create", back]).status == 0)
        #expect(try team.run("alice", ["bundle", "apply", back]).status == 0)
        for name in ["alice", "bob"] {
            let timeline = try team.run(name, ["show", id, "--json"]).stdout
            #expect(timeline.components(separatedBy: "\"text\":\"blocked the ASN at 14:10\"").count == 3, "\(name)")
        }
        #expect(
            try team.run("alice", ["show", id, "--json"]).stdout == team.run("bob", ["show", id, "--json"]).stdout)

        let due = try team.run("alice", ["due"])
        #expect(due.status == 0)
        #expect(due.stdout.contains("SEV1  reported  update overdue by 2h"))
        #expect(due.stdout.contains("(last update 3h ago)  Search returns nothing"))

        #expect(try team.run("alice", ["alarm", "silence", "api-5xx-rate", "--for", "2h"]).status == 0)
        #expect(try team.run("alice", ["action", "add", "alert", "on", "one", "ASN", "--owner", "bob"]).status == 0)
        #expect(try team.run("alice", ["status", "stabilized", "-m", "ASN blocked"]).status == 0)
        #expect(try team.run("alice", ["due"]).stdout.isEmpty, "the status change is an update")
        let resolved = try team.run("alice", ["status", "resolved", "-m", "the ASN's owner fixed their crawler"])
        #expect(resolved.status == 0)
        #expect(resolved.stderr.contains("alarm api-5xx-rate is still silenced"))
        #expect(try team.run("alice", ["review", "why", "a crawler ran away"]).stdout == "why 1 set\n")
        let reviewed = try team.run("alice", ["status", "reviewed"])
        #expect(reviewed.status == 0)
        #expect(reviewed.stderr.contains("a summary (incident review summary TEXT); 4 of the 5 whys"))

        let report = try team.run("alice", ["export", "--format", "markdown"], environment: ["TZ": "UTC"])
        #expect(report.status == 0)
        for part in [
            "# Search returns nothing\n", "## Timeline (UTC)\n", " alice (update): posted on status page\n",
            " alice: blocked the ASN at 14:10\n", "## Alarms still silenced\n\n- api-5xx-rate (silenced by alice",
            "### 5 whys\n\n1. Why? a crawler ran away\n2. Why?\n", "### Action items\n\n- [ ] alert on one ASN (bob)\n",
        ] {
            #expect(report.stdout.contains(part), "\(part)")
        }
        #expect(
            try team.run("alice", ["export", "--format", "json"]).stdout
                == team.run("alice", ["show", "--json"]).stdout)
    }

    enum Path: String, CaseIterable { case folder, bundle, http }

    /// Three maintainers edit the same notes at once: two insert after the same line, one
    /// edits a line another removes. Through each sync path, all end byte-identical.
    @Test(arguments: Path.allCases)
    func notesEditedAtOnceOnThreeReplicasConverge(through path: Path) throws {
        let team = try SyncCommandTests.Team()
        defer { team.cli.home.remove() }
        let id = try team.newIncident("alice")
        #expect(try team.run("alice", ["notes", "add", "one"]).status == 0)
        #expect(try team.run("alice", ["notes", "add", "two"]).status == 0)
        let port = Int.random(in: 20_000...60_000)
        let server = path == .http ? try team.serve("alice", port: port) : nil
        defer {
            if let server {
                kill(server.pid, SIGTERM)
                _ = try? server.finish()
            }
        }
        let share = team.cli.home.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        func syncAll() throws {
            switch path {
            case .folder:
                for name in team.names + team.names { #expect(try team.run(name, ["sync", share]).status == 0) }
            case .http:
                for name in ["bob", "carol", "bob"] {
                    #expect(try team.run(name, ["sync", "http://127.0.0.1:\(port)"]).status == 0)
                }
            case .bundle:
                for from in team.names {
                    let file = team.cli.home.file("\(from).bundle")
                    #expect(try team.run(from, ["bundle", "create", file]).status == 0)
                    for to in team.names where to != from {
                        #expect(try team.run(to, ["bundle", "apply", file]).status == 0)
                    }
                }
            }
        }
        try syncAll()
        #expect(try team.run("bob", ["notes", "rm", "2", "-i", id]).status == 0)
        #expect(try team.run("alice", ["notes", "add", "--after", "1", "alice's insert", "-i", id]).status == 0)
        #expect(try team.run("bob", ["notes", "add", "--after", "1", "bob's insert", "-i", id]).status == 0)
        let edit = try team.run("carol", ["notes", "edit", "-i", id], environment: ["EDITOR": "sed -i s/two/TWO/"])
        #expect(edit.stdout == "notes: 0 added, 1 edited, 0 removed\n")
        #expect(try team.run("carol", ["notes", "add", "carol's last", "-i", id]).status == 0)
        try syncAll()

        let notes = try team.names.map { try team.run($0, ["notes", "-i", id]).stdout }
        #expect(notes[1] == notes[0])
        #expect(notes[2] == notes[0])
        let texts = notes[0].split(separator: "\n").map {
            $0.split(separator: "(")[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(texts.count == 4)
        #expect(texts[0] == "1  one")
        #expect(
            Set(texts[1...2]) == ["2  alice's insert", "3  bob's insert"]
                || Set(texts[1...2]) == ["2  bob's insert", "3  alice's insert"])
        #expect(texts[3] == "4  carol's last", "the removal of line 2 wins over carol's edit of it")
        let views = try team.views(of: id)
        #expect(views[1] == views[0])
        #expect(views[2] == views[0])
    }

    @Test func everyCommandsHelpHasAnExample() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let commands = [
            ["init"], ["new"], ["use"], ["list"], ["show"], ["log"], ["import"], ["status"], ["set"], ["edit"],
            ["redact"], ["notes"], ["notes", "add"], ["notes", "edit"], ["notes", "rm"], ["notes", "promote"],
            ["alarm"], ["alarm", "silence"], ["alarm", "enable"], ["link"], ["link", "add"], ["link", "rm"],
            ["action"], ["action", "add"], ["action", "done"], ["action", "owner"], ["action", "rm"], ["review"],
            ["review", "summary"], ["review", "why"], ["due"], ["export"], ["remote", "add"], ["remote", "list"],
            ["remote", "remove"], ["sync"], ["bundle", "create"], ["bundle", "apply"], ["serve"], ["doctor"],
            ["whoami"],
        ]
        for command in commands {
            let help = try cli.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(
                help.stdout.contains("Example"), "`incident \(command.joined(separator: " ")) --help` has no example")
        }
    }

    @Test func linksActionItemsAndAlarmsAreNumberedAndBadInputChangesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["init", "--name", "alice"])
        _ = try cli.run(["new", "Search returns nothing", "--severity", "2"])
        #expect(try cli.run(["link", "add", "https://github.com/org/repo/issues/7"]).stdout == "link 1 (issue)\n")
        #expect(try cli.run(["link", "add", "https://team.slack.com/archives/C1/p2"]).stdout == "link 2 (thread)\n")
        #expect(try cli.run(["link", "add", "https://blog.example.org/outage", "--kind", "post"]).status == 0)
        #expect(try cli.run(["link", "rm", "2"]).status == 0)
        #expect(
            try cli.run(["link"]).stdout
                == "1  issue  https://github.com/org/repo/issues/7\n2  post  https://blog.example.org/outage\n")
        #expect(try cli.run(["link", "add", "INC-4521", "--kind", "issue"]).status == 0, "--kind says what it is")
        #expect(try cli.run(["link", "rm", "3"]).status == 0)

        #expect(try cli.run(["action", "add", "add a canary"]).stdout == "action item 1\n")
        #expect(try cli.run(["action", "add", "write the runbook", "--owner", "bob"]).stdout == "action item 2\n")
        #expect(try cli.run(["action", "owner", "1", "carol"]).status == 0)
        #expect(try cli.run(["action", "done", "2"]).status == 0)
        #expect(try cli.run(["action"]).stdout == "[ ] 1  add a canary (carol)\n[x] 2  write the runbook (bob)\n")
        #expect(try cli.run(["action", "rm", "1"]).status == 0)
        #expect(try cli.run(["action", "list"]).stdout == "[x] 1  write the runbook (bob)\n")

        #expect(try cli.run(["alarm", "silence", "db-cpu"]).stdout == "db-cpu: silenced\n")
        #expect(try cli.run(["alarm", "silence", "api-5xx"]).status == 0)
        #expect(try cli.run(["alarm", "enable", "db-cpu"]).stdout == "db-cpu: enabled\n")
        #expect(try cli.run(["alarm"]).stdout == "api-5xx  silenced (alice)\ndb-cpu  enabled (alice)\n")

        let before = try cli.run(["show", "--json"]).stdout
        for (arguments, status, message) in [
            (["alarm", "silence", "x", "--for", "soon"], 2, "bad duration 'soon'"),
            (["link", "add", "https://x", "--kind", "tweet"], 2, "bad link kind 'tweet'"),
            (["link", "add", "fixed"], 2, "'fixed' is not a web address (http:// or https://)"),
            (["link", "add", "https://"], 2, "is not a web address"),
            (["action", "done", "5"], 1, "there is no action item 5: they are numbered 1 to 1"),
            (["link", "rm", "0"], 1, "there is no link 0"),
            (["notes", "rm", "1"], 1, "there is no line 1: this incident has none yet"),
            (["notes", "add", "--after", "3", "x"], 1, "there is no line 3"),
            (["notes", "add", "  "], 1, "the note line is empty"),
            (["review", "why", "--number", "6", "x"], 2, "--number is 1 to 5"),
            (["action", "add", "x", "-i", "ffffff"], 1, "no incident matches 'ffffff'"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == Int32(status), "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run(["show", "--json"]).stdout == before)
    }

    @Test func doctorSaysWhatEachRemotesLastSyncDid() throws {
        let cli = try CommandRunner(environment: ["INCIDENT_DB": "replica.sqlite"])
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search returns nothing", "--severity", "2"])
        try FileManager.default.createDirectory(atPath: cli.home.file("usb"), withIntermediateDirectories: true)
        #expect(try cli.run(["remote", "add", "usb", cli.home.file("usb")]).status == 0)
        #expect(try cli.run(["remote", "add", "gone", cli.home.file("gone")]).status == 0)
        #expect(try cli.run(["sync"]).status == 1, "one remote failed")
        let doctor = try cli.run(["doctor"])
        #expect(doctor.status == 0, "\(doctor.stderr)")
        let lines = doctor.stdout.split(separator: "\n")
        #expect(lines.contains("integrity: ok"))
        #expect(lines.contains("state: matches a replay of the log"))
        #expect(lines.contains("remote usb: last synced <1m ago: received 0, sent 1"))
        #expect(lines.contains { $0.hasPrefix("remote gone: never synced by name; last try <1m ago failed: ") })
    }
}
