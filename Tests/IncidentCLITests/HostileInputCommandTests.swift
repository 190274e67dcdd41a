import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

/// What a hostile peer's file does at the command line: refused, or shown for what it is,
/// with a clear message, nothing lost, nothing crashed.
@Suite struct HostileInputCommandTests {
    static let peer = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!

    /// The op line of a peer's incident, stamped `ahead` milliseconds after now.
    static func futureCreate(ahead: Int64, counter: UInt32 = .max) -> String {
        let wall = Int64(Date().timeIntervalSince1970 * 1000) + ahead
        let operation = IncidentCore.Operation(
            id: OperationID(replica: peer, seq: 1), hlc: HybridTimestamp(wall: wall, counter: counter, replica: peer),
            author: "mallory", incident: IncidentID.random(),
            payload: .createIncident(
                CreateIncident(title: "from the future", severity: Severity(rawValue: 1)!, lead: nil, at: wall)))
        return String(decoding: OperationCoding.encode(operation), as: UTF8.self)
    }

    @Test func anOpFromTheFutureIsShownMarkedAndRecordingGoesOn() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let header = CraftedBundle.header(source: Self.peer.rawValue, vector: [Self.peer.rawValue: 1])
        try CraftedBundle.text(header: header, operations: [Self.futureCreate(ahead: 10 * 365 * 86_400_000)])
            .write(toFile: cli.home.file("future.bundle"), atomically: true, encoding: .utf8)
        let applied = try cli.run(["bundle", "apply", "future.bundle"])
        #expect(applied.status == 0)
        #expect(applied.stdout.contains("1 stamped over a day ahead of this machine's clock"), "\(applied.stdout)")
        #expect(try cli.run(["log", "still recording"]).status == 0)
        #expect(try cli.run(["list", "--all"]).stdout.contains("from the future"), "shown, not held for ten years")
        let doctor = try cli.run(["doctor"]).stdout
        #expect(doctor.contains("clocks: 1 op is stamped ahead of this machine's clock"))
        #expect(doctor.contains("by mallory on incident"))
    }

    @Test func anAlteredOrNegativeHeaderIsRefusedAndChangesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        #expect(try cli.run(["bundle", "create", "mine.bundle"]).status == 0)
        var text = try String(contentsOfFile: cli.home.file("mine.bundle"), encoding: .utf8)
        text = text.replacingOccurrences(of: #""vector":{"#, with: #""vector":{"\#(Self.peer.rawValue)":9,"#)
        try text.write(toFile: cli.home.file("altered.bundle"), atomically: true, encoding: .utf8)
        let before = try cli.run(["show", "--json"]).stdout

        let applied = try cli.run(["bundle", "apply", "altered.bundle"])
        #expect(applied.status == 1)
        #expect(applied.stderr.contains("checksum mismatch"))
        let since = try cli.run(["bundle", "create", "out.bundle", "--since", "altered.bundle"])
        #expect(since.status == 1)
        #expect(since.stderr.contains("checksum mismatch"))
        #expect(!FileManager.default.fileExists(atPath: cli.home.file("out.bundle")))

        let negative = CraftedBundle.text(header: CraftedBundle.header(version: -7, source: Self.peer.rawValue))
        try negative.write(toFile: cli.home.file("negative.bundle"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["bundle", "apply", "negative.bundle"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not an incident bundle"), "\(refused.stderr)")
        #expect(try cli.run(["show", "--json"]).stdout == before)
    }

    @Test func controlCharactersFromAPeerNeverReachTheTerminalRaw() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let wall = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
        let incident = IncidentID.random()
        func operation(_ seq: Int64, _ payload: Payload) -> String {
            let operation = IncidentCore.Operation(
                id: OperationID(replica: Self.peer, seq: seq),
                hlc: HybridTimestamp(wall: wall, counter: UInt32(seq), replica: Self.peer),
                author: "mal\u{07}lory\u{1B}[2J", incident: incident, payload: payload)
            return String(decoding: OperationCoding.encode(operation), as: UTF8.self)
        }
        let lines = [
            operation(
                1,
                .createIncident(
                    CreateIncident(
                        title: "\u{1B}]0;owned\u{07}title\u{9B}2J", severity: Severity(rawValue: 1)!,
                        lead: "le\rad", at: wall))),
            operation(2, .addEntry(AddEntry(entry: EntryID.random(), at: wall, kind: .event, text: "tex\u{1B}[Ht\r"))),
        ]
        let header = CraftedBundle.header(source: Self.peer.rawValue, vector: [Self.peer.rawValue: 2])
        try CraftedBundle.text(header: header, operations: lines)
            .write(toFile: cli.home.file("peer.bundle"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["bundle", "apply", "peer.bundle"]).status == 0)

        let id = String(incident.rawValue.prefix(8))
        for arguments in [["list"], ["show", id], ["use", id], ["show", "--json", id], ["list", "--json"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let raw = result.stdout.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value)
            }
            #expect(raw.isEmpty, "\(arguments) printed \(raw.map(\.value))")
            #expect(result.stdout.contains("owned"), "\(arguments): the text is shown, made visible")
        }
        #expect(try cli.run(["show", id]).stdout.contains("^[]0;owned^Gtitle\\u{9B}2J"))
    }

    @Test func textOverTheLimitIsRefusedWhenRecordedAndWhenApplied() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let before = try cli.run(["show", "--json"]).stdout
        let long = String(repeating: "x", count: TextLimit.maximumBytes + 1)
        // (A text that long cannot be an argument: Linux takes at most 128 KiB in one.)
        let refused = try cli.run(["log"], input: "14:00 fine\n" + long + "\n")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("262145 bytes") && refused.stderr.contains("at most 262144"), "\(refused.stderr)")
        #expect(try cli.run(["show", "--json"]).stdout == before, "nothing written, not even the line before")

        let operation = IncidentCore.Operation(
            id: OperationID(replica: Self.peer, seq: 1),
            hlc: HybridTimestamp(wall: 1_795_874_400_000, counter: 0, replica: Self.peer), author: "mallory",
            incident: IncidentID.random(),
            payload: .createIncident(CreateIncident(title: long, severity: Severity(rawValue: 1)!, lead: nil, at: 0)))
        let header = CraftedBundle.header(source: Self.peer.rawValue, vector: [Self.peer.rawValue: 1])
        try CraftedBundle.text(
            header: header, operations: [String(decoding: OperationCoding.encode(operation), as: UTF8.self)]
        )
        .write(toFile: cli.home.file("long.bundle"), atomically: true, encoding: .utf8)
        let applied = try cli.run(["bundle", "apply", "long.bundle"])
        #expect(applied.status == 1)
        #expect(applied.stderr.contains("line 2") && applied.stderr.contains("at most 262144"), "\(applied.stderr)")
        #expect(try cli.run(["show", "--json"]).stdout == before)
    }

    @Test func aBundleIsNeverWrittenOntoTheReplica() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let before = try cli.run(["show", "--json"]).stdout
        let replica = cli.home.file("data/incident/replica.sqlite")
        for target in [replica, replica + "-wal", "data/incident/../incident/replica.sqlite"] {
            let refused = try cli.run(["bundle", "create", target])
            #expect(refused.status == 1, "\(target)")
            #expect(refused.stderr.contains("is the replica itself"), "\(refused.stderr)")
        }
        #expect(try cli.run(["show", "--json"]).stdout == before)
    }

    @Test func aNewIdKeepsTheReplicasOps() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["init", "--name", "alice"])
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        _ = try cli.run(["log", "made on the copy"])
        let before = try cli.run(["show"]).stdout
        #expect(try cli.run(["init", "--from-seq", "2"]).status == 2)
        let renamed = try cli.run(["init", "--new-id", "--from-seq", "2"])
        #expect(renamed.status == 0)
        #expect(renamed.stdout.contains("1 ops made again under the new id"), "\(renamed.stdout)")
        let after = try cli.run(["show"]).stdout
        #expect(after.contains("made on the copy"))
        #expect(after.split(separator: "\n").count == before.split(separator: "\n").count)
    }

    @Test func oneCharacterPathsAndAFolderGivenAsABundleDoNotCrash() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])
        let created = try cli.run(["bundle", "create", "x"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.home.file("x")))
        #expect(try cli.run(["--db", "r", "new", "One letter", "--severity", "2"]).status == 0)
        let folder = try cli.run(["bundle", "apply", cli.home.path])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("cannot read"), "\(folder.stderr)")
    }

    /// A peer's runbook ops with values at the edges: times at the ends of 64 bits, a note
    /// line placed after itself, escapes in an alarm's name and a note. Every command that
    /// shows them answers, in a zone with an offset, with the escapes made visible.
    @Test func runbookOpsWithExtremeValuesAreShownWithoutACrash() throws {
        let cli = try CommandRunner(environment: ["TZ": "Europe/Paris"])
        defer { cli.home.remove() }
        let incident = IncidentID.random()
        let line = ItemID.random()
        let payloads: [Payload] = [
            .createIncident(CreateIncident(title: "edge", severity: Severity(rawValue: 1)!, lead: nil, at: .min)),
            .addEntry(AddEntry(entry: .random(), at: .max, kind: .update, text: "late")),
            .addEntry(AddEntry(entry: .random(), at: .min, kind: .update, text: "early")),
            .addItem(AddItem(item: line, list: .note, after: line, text: "note \u{1b}[2J here")),
            .setAlarm(SetAlarm(name: "alarm\u{1b}]0;owned\u{7}", silenced: true, until: .max)),
            .setAlarm(SetAlarm(name: "old", silenced: true, until: .min)),
            .addItem(AddItem(item: .random(), list: .action, text: "do it", detail: "")),
        ]
        let wall = Int64(Date().timeIntervalSince1970 * 1000)
        let operations = payloads.enumerated().map { index, payload in
            String(
                decoding: OperationCoding.encode(
                    IncidentCore.Operation(
                        id: OperationID(replica: Self.peer, seq: Int64(index + 1)),
                        hlc: HybridTimestamp(wall: wall, counter: UInt32(index), replica: Self.peer), author: "mallory",
                        incident: incident, payload: payload)), as: UTF8.self)
        }
        let header = CraftedBundle.header(
            source: Self.peer.rawValue, vector: [Self.peer.rawValue: Int64(operations.count)])
        try CraftedBundle.text(header: header, operations: operations)
            .write(toFile: cli.home.file("edge.bundle"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["bundle", "apply", "edge.bundle"]).status == 0)
        _ = try cli.run(["use", incident.rawValue])
        for command in [
            ["show"], ["show", "--json"], ["show", "--utc"], ["list", "--all"], ["notes"], ["alarm", "list"],
            ["action", "list"], ["export"], ["due"], ["due", "--json"], ["review"], ["doctor"],
        ] {
            let result = try cli.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("\u{1b}"), "\(command) let an escape through")
        }
        #expect(try cli.run(["notes"]).stdout.contains("note ^[[2J here"))
        #expect(try cli.run(["alarm", "list"]).stdout.contains("alarm^[]0;owned^G"))
    }
}
