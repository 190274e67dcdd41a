import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

/// What a team loses or keeps without a word unless the commands say so: a teammate whose
/// clock runs ahead, `#` lines, and whatever a command passes over.
@Suite struct NothingSilentlyLostCommandTests {
    func timelineTexts(_ cli: CommandRunner, _ id: String? = nil) throws -> [String] {
        let show = try cli.run(["show", "--json"] + (id.map { ["-i", $0] } ?? []))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        return timeline.compactMap { $0["text"] as? String }
    }

    @Test func linesStartingWithAHashAreRecordedAndWhatIsPassedOverIsCounted() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])

        let typed = try cli.run(["log", "#4521 reopened"])
        #expect(typed.status == 0)
        #expect(typed.stdout.contains("#4521 reopened"))
        let piped = try cli.run(["log"], input: "#status-investigating posted\n\n# not a comment here\n")
        #expect(piped.stdout.contains("logged 2 entries; passed over 1 line (2): blank or a time alone"))

        try "# a comment\n2026-11-28 14:03 #4521 reopened again\n#status-stabilized posted\n#\n\n"
            .write(toFile: cli.home.file("scratch.txt"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "scratch.txt"])
        #expect(
            imported.stdout.contains(
                "imported 2 entries, 0 already present; passed over 3 lines (1, 4, 5): "
                    + "blank, a `# ` comment or a time alone"
            ))
        let texts = try timelineTexts(cli)
        for text in [
            "#4521 reopened", "#status-investigating posted", "# not a comment here", "#4521 reopened again",
            "#status-stabilized posted",
        ] {
            #expect(texts.contains(text), "\(text) was not recorded")
        }
        #expect(!texts.contains("# a comment"))
    }

    /// `faketime` (Debian's, which `.ci/run` installs where missing) runs a command with its clock moved.
    static let faketime = URL(fileURLWithPath: "/usr/bin/faketime")

    @Test(ExternalProgram.needed("faketime")) func aTeammateWhoseClockRunsDaysAheadIsShownAtOnceAndMarked() throws {
        let alice = try CommandRunner()
        let bob = try CommandRunner()
        defer {
            alice.home.remove()
            bob.home.remove()
        }
        _ = try alice.run(["init", "--name", "alice"])
        let bundle = alice.home.file("from-bob.bundle")
        let ahead = ["-f", "+3d", CommandRunner.executable.path]
        _ = try bob.run(ahead + ["init", "--name", "bob"], executable: Self.faketime)
        let created = try bob.run(ahead + ["new", "Login fails", "--severity", "1"], executable: Self.faketime)
        #expect(created.status == 0)
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try bob.run(ahead + ["log", "paged alice"], executable: Self.faketime)
        #expect(try bob.run(ahead + ["bundle", "create", bundle], executable: Self.faketime).status == 0)

        let applied = try alice.run(["bundle", "apply", bundle])
        #expect(applied.status == 0)
        #expect(applied.stdout.contains("2 applied"))
        #expect(applied.stdout.contains("stamped over a day ahead of this machine's clock"))
        #expect(try alice.run(["list", "--all"]).stdout.contains("Login fails"), "not held until then")
        let show = try alice.run(["show", "-i", id])
        #expect(show.stdout.contains("paged alice  [stamped 2d 23h"), "\(show.stdout)")
        #expect(show.stdout.contains("ahead of this clock]"))
        let json = try alice.run(["show", "-i", id, "--json"]).stdout
        #expect(json == (try bob.run(ahead + ["show", "-i", id, "--json"], executable: Self.faketime).stdout))
        let doctor = try alice.run(["doctor"])
        #expect(doctor.stdout.contains("clocks: 2 ops are stamped ahead of this machine's clock"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("by bob on incident \(id.prefix(6))"))

        // Alice's clock did not follow Bob's: what she records now stays at her time, before his.
        _ = try alice.run(["log", "-i", id, "looking into it"])
        let texts = try timelineTexts(alice, id)
        #expect(texts.firstIndex(of: "looking into it")! < texts.firstIndex(of: "paged alice")!)
    }

    @Test func aSharedFolderPassesOnWhatCameByABundle() throws {
        let carol = try CommandRunner()
        let alice = try CommandRunner()
        let dave = try CommandRunner()
        let share = try TemporaryDirectory()
        defer {
            for cli in [carol, alice, dave] { cli.home.remove() }
            share.remove()
        }
        for (cli, name) in [(carol, "carol"), (alice, "alice"), (dave, "dave")] {
            _ = try cli.run(["init", "--name", name])
        }
        let id = try carol.run(["new", "Login fails", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try carol.run(["log", "paged alice"])
        let bundle = carol.home.file("carol.bundle")
        _ = try carol.run(["bundle", "create", bundle])
        #expect(try alice.run(["bundle", "apply", bundle]).status == 0)
        _ = try alice.run(["log", "-i", id, "looking"])

        let relayed = try alice.run(["sync", share.path])
        #expect(relayed.status == 0)
        #expect(relayed.stdout.contains("sent 3"), "Alice's op and Carol's two: \(relayed.stdout)")
        let received = try dave.run(["sync", share.path])
        #expect(received.stdout.contains("received 3 new ops"), "\(received.stdout)")
        let shown = try dave.run(["show", "-i", id, "--json"]).stdout
        #expect(shown == (try alice.run(["show", "-i", id, "--json"]).stdout))
        #expect(shown.contains("paged alice"))
    }

    @Test(ExternalProgram.needed("cmark")) func aPeersTextCannotRewriteTheMarkdownReport() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let id = try cli.run(["new", "Login fails", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try JSONSerialization.jsonObject(with: Data(try cli.run(["show", "--json"]).stdout.utf8))
        let rawID = try #require((shown as? [String: Any])?["id"] as? String)
        let incident = try #require(IncidentID(rawValue: rawID))
        #expect(incident.rawValue.hasPrefix(id))
        let peer = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let text = "ok\n# Injected heading\n<script>alert(1)</script>\n```\n[x](javascript:alert(2))"
        let operation = IncidentCore.Operation(
            id: OperationID(replica: peer, seq: 1), hlc: HybridTimestamp(wall: now, counter: 0, replica: peer),
            author: "mallory", incident: incident,
            payload: .addEntry(AddEntry(entry: .random(), at: now, kind: .event, text: text)))
        let header = CraftedBundle.header(source: peer.rawValue, vector: [peer.rawValue: 1])
        try CraftedBundle.text(
            header: header, operations: [String(decoding: OperationCoding.encode(operation), as: UTF8.self)]
        )
        .write(toFile: cli.home.file("peer.bundle"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["bundle", "apply", "peer.bundle"]).status == 0)

        let report = try cli.run(["export", "--format", "markdown"])
        #expect(report.status == 0)
        let document = try CommonMarkNode.parse(report.stdout)
        #expect(document.all.filter { $0.kind == "heading" }.map(\.shownText) == ["Login fails", "Timeline (UTC)"])
        #expect(!document.all.contains { ["html_inline", "html_block", "code_block", "link"].contains($0.kind) })
        let items = document.all.filter { $0.kind == "item" }.map(\.shownText)
        #expect(
            items.contains {
                $0.hasSuffix(
                    "mallory: ok\n# Injected heading\n<script>alert(1)</script>\n```\n[x](javascript:alert(2))")
            }, "\(items)")
    }

    @Test func aSecretPastedIntoTheNotesLeavesEveryReplicaItsRedactionReaches() throws {
        let alice = try CommandRunner()
        let bob = try CommandRunner()
        let share = try TemporaryDirectory()
        defer {
            alice.home.remove()
            bob.home.remove()
            share.remove()
        }
        let secret = "AKIA-notes-secret-42"
        let id = try alice.run(["new", "Login fails", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try alice.run(["notes", "add", "watching the error rate"])
        _ = try alice.run(["notes", "add", "aws key \(secret) pasted by mistake"])
        let removed = try alice.run(["notes", "rm", "2"])
        #expect(removed.stdout.contains("its text stays in the history on every replica"))
        #expect(removed.stdout.contains("incident notes redact --removed N"))
        _ = try alice.run(["sync", share.path])
        _ = try bob.run(["sync", share.path])
        let files = { (cli: CommandRunner) in
            [cli.home.file("data/incident/replica.sqlite"), cli.home.file("data/incident/replica.sqlite-wal")]
        }
        let holdsSecret = { (paths: [String]) in
            paths.contains { FileManager.default.contents(atPath: $0)?.range(of: Data(secret.utf8)) != nil }
        }
        #expect(holdsSecret(files(bob)), "removed, the line's text still travels")

        let refused = try alice.run(["notes", "redact", "--removed", "1"])
        #expect(refused.status == 1, "no terminal: --yes is needed")
        #expect(refused.stderr.contains("--yes"))
        #expect(try alice.run(["notes", "--removed"]).stdout.contains(secret))
        let redacted = try alice.run(["notes", "redact", "--removed", "1", "--yes"])
        #expect(redacted.status == 0)
        #expect(try alice.run(["notes", "--removed"]).stdout.contains("[redacted]"))
        #expect(!holdsSecret(files(alice)))
        _ = try alice.run(["sync", share.path])
        _ = try bob.run(["sync", share.path])
        #expect(!holdsSecret(files(bob)), "blanked on the replica the redaction reached")
        let segments = FileManager.default.enumerator(atPath: share.path)?.compactMap { $0 as? String } ?? []
        #expect(!holdsSecret(segments.map { share.path + "/" + $0 }), "and in the folder's segments")
        #expect(try bob.run(["notes", "-i", id]).stdout.contains("watching the error rate"))
    }

    @Test func aLaptopRestoredFromABackupHealsAtItsNextFolderSync() throws {
        let alice = try CommandRunner()
        let bob = try CommandRunner()
        let share = try TemporaryDirectory()
        defer {
            alice.home.remove()
            bob.home.remove()
            share.remove()
        }
        let file = alice.home.file("data/incident/replica.sqlite")
        let id = try alice.run(["new", "Login fails", "--severity", "1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try alice.run(["log", "e1"])
        _ = try alice.run(["sync", share.path])
        try copyReplicaFile(from: file, to: alice.home.file("backup"))
        _ = try alice.run(["log", "e2"])
        _ = try alice.run(["sync", share.path])
        // The laptop is restored from the backup: e2 is only in the folder now.
        try copyReplicaFile(from: alice.home.file("backup"), to: file)
        _ = try alice.run(["log", "e3"])

        let healed = try alice.run(["sync", share.path])
        #expect(healed.status == 0, "\(healed.stderr)")
        #expect(healed.stdout.contains("this replica file was a copy of another"), "\(healed.stdout)")
        #expect(try alice.run(["doctor"]).stdout.contains("copy: healed"))
        _ = try bob.run(["sync", share.path])
        _ = try alice.run(["sync", share.path])
        let shown = try alice.run(["show", "-i", id, "--json"]).stdout
        #expect(shown == (try bob.run(["show", "-i", id, "--json"]).stdout))
        for text in ["e1", "e2", "e3"] { #expect(try timelineTexts(bob, id).contains(text), "\(text)") }
    }
}
