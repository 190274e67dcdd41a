import Foundation
import IncidentTestSupport
import Testing

/// Outputs that are a contract, compared whole, as ArgumentParser's own tests compare help:
/// the `--help` of every command against `Fixtures/help/`, and `show` and `list` of a known
/// incident (ids, which are random, written as `<id>`). `INCIDENT_UPDATE_GOLDENS=1` rewrites
/// the help files after a deliberate change; review the diff.
@Suite struct WholeOutputTests {
    static let commands = [
        [], ["init"], ["new"], ["use"], ["list"], ["show"], ["log"], ["import"], ["status"], ["set"], ["edit"],
        ["redact"], ["notes"], ["notes", "list"], ["notes", "add"], ["notes", "edit"], ["notes", "rm"],
        ["notes", "redact"], ["notes", "promote"], ["alarm"], ["alarm", "silence"], ["alarm", "enable"],
        ["alarm", "list"], ["link"],
        ["link", "add"], ["link", "rm"], ["link", "list"], ["action"], ["action", "add"], ["action", "done"],
        ["action", "owner"], ["action", "rm"], ["action", "list"], ["review"], ["review", "summary"],
        ["review", "why"], ["review", "show"], ["due"], ["export"], ["remote"], ["remote", "add"],
        ["remote", "list"], ["remote", "remove"], ["sync"], ["bundle"], ["bundle", "create"], ["bundle", "apply"],
        ["serve"], ["doctor"], ["whoami"],
    ]

    @Test(arguments: commands)
    func helpIsAsWritten(command: [String]) throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let help = try cli.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(help.status == 0)
        let name = command.isEmpty ? "incident" : command.joined(separator: "-")
        let path = FixtureFiles.root + "/help/\(name).txt"
        if ProcessInfo.processInfo.environment["INCIDENT_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                atPath: FixtureFiles.root + "/help", withIntermediateDirectories: true)
            try help.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(help.stdout == (try String(contentsOfFile: path, encoding: .utf8)), "incident \(name) --help")
    }

    /// Hexadecimal runs of 6 or more (ids and their prefixes) as `<id>`.
    static func withoutIDs(_ text: String) -> String {
        text.replacingOccurrences(of: "\\b[0-9a-f]{6,32}\\b", with: "<id>", options: .regularExpression)
    }

    @Test func showAndListOfAKnownIncident() throws {
        let cli = try CommandRunner(environment: ["TZ": "UTC"])
        defer { cli.home.remove() }
        _ = try cli.run(["init", "--name", "alice"])
        _ = try cli.run([
            "new", "Search returns nothing", "--severity", "1", "--lead", "bob", "--at", "2026-11-28 14:00",
        ])
        _ = try cli.run(["log", "--at", "2026-11-28 14:02", "alert fired: 5xx at 40%"])
        _ = try cli.run(["log", "--at", "2026-11-28 14:20", "--kind", "update", "posted on the status page"])
        _ = try cli.run(["notes", "add", "one ASN is 80% of traffic"])
        _ = try cli.run(["link", "add", "https://status.example.org/42"])
        _ = try cli.run(["action", "add", "alert on one ASN's share", "--owner", "carol"])
        _ = try cli.run(["status", "stabilized", "-m", "blocked the ASN"])
        let show = Self.withoutIDs(try cli.run(["show"]).stdout)
        let lines = show.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The status change is stamped now: its line is checked by shape, the rest whole.
        let now = try #require(lines.firstIndex { $0.hasSuffix("update  alice: stabilized: blocked the ASN") })
        #expect(lines[now].count == "HH:MM  <id>  update  alice: stabilized: blocked the ASN".count)
        var expected = [
            "<id>  Search returns nothing",
            "SEV1 · stabilized · lead bob · reported by alice, 2026-11-28 14:00 · times in UTC",
            "people: alice",
            "mitigation: blocked the ASN",
            "── 2026-11-28",
            "14:02  <id>  event   alice: alert fired: 5xx at 40%",
            "14:20  <id>  update  alice: posted on the status page",
        ]
        if !lines[now - 1].hasPrefix("14:20") { expected.append(lines[now - 1]) }  // the day it is now
        expected += [
            lines[now],
            "── notes",
            "1  one ASN is 80% of traffic  (alice)",
            "── links",
            "1  post  https://status.example.org/42",
            "── action items",
            "[ ] 1  alert on one ASN's share (carol)",
            "",
        ]
        #expect(lines == expected)
        #expect(
            Self.withoutIDs(try cli.run(["list"]).stdout)
                == "<id>  SEV1  stabilized     Search returns nothing  (lead bob)  since 2026-11-28 14:00\n")
    }
}
