import Foundation
import IncidentTestSupport
import Testing

/// Sync end to end: real processes, three replicas, folder, bundles and HTTP.
@Suite struct SyncCommandTests {
    /// Three replicas (alice, bob, carol) in one temporary home, each its own file.
    struct Team {
        let cli: CommandRunner
        let names = ["alice", "bob", "carol"]

        init() throws {
            cli = try CommandRunner()
            for name in names { _ = try run(name, ["init", "--name", name]) }
        }

        @discardableResult
        func run(_ name: String, _ arguments: [String], input: String = "", environment: [String: String] = [:]) throws
            -> CommandResult
        {
            try cli.run(arguments + ["--db", cli.home.file("\(name).sqlite")], input: input, environment: environment)
        }

        func start(_ name: String, _ arguments: [String]) throws -> RunningCommand {
            try cli.start(arguments + ["--db", cli.home.file("\(name).sqlite")])
        }

        /// Records an incident on `name`'s replica and returns its id as printed.
        func newIncident(_ name: String, _ title: String = "Search API returns 500", severity: String = "1") throws
            -> String
        {
            try run(name, ["new", title, "--severity", severity]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Starts `incident serve` on `name`'s replica and waits until it answers.
        func serve(_ name: String, port: Int, tokenFile: String? = nil) throws -> RunningCommand {
            let server = try start(
                name, ["serve", "--listen", "127.0.0.1:\(port)"] + (tokenFile.map { ["--token-file", $0] } ?? []))
            // carol's probe carries no token: a server with one answers 401, one without syncs.
            let answer = tokenFile == nil ? "received" : "401"
            for _ in 0..<100 {
                let probe = try run("carol", ["sync", "http://127.0.0.1:\(port)"])
                if (probe.stdout + probe.stderr).contains(answer) { return server }
                Thread.sleep(forTimeInterval: 0.2)
            }
            Issue.record("the server on port \(port) never answered")
            return server
        }

        /// Runs `body` with the URL of `incident serve` on `name`'s replica, stopped after.
        func withHub<Value>(on name: String, _ body: (String) throws -> Value) throws -> Value {
            let port = Int.random(in: 20_000...60_000)
            let hub = try serve(name, port: port)
            defer {
                kill(hub.pid, SIGTERM)
                _ = try? hub.finish()
            }
            return try body("http://127.0.0.1:\(port)")
        }

        /// `show ID --json` and `list --all --json` of every replica.
        func views(of id: String) throws -> [String] {
            try names.map { try run($0, ["show", id, "--json"]).stdout + run($0, ["list", "--all", "--json"]).stdout }
        }
    }

    @Test func aLaptopRestoredFromABackupHealsAtItsNextSyncWithAHub() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        try team.withHub(on: "bob") { url in
            let laptop = team.cli.home.file("alice.sqlite")
            let id = try team.newIncident("alice")
            try team.run("alice", ["log", "-i", id, "e1"])
            try team.run("alice", ["sync", url])
            try copyReplicaFile(from: laptop, to: team.cli.home.file("backup"))
            try team.run("alice", ["log", "-i", id, "e2"])
            try team.run("alice", ["sync", url])
            try copyReplicaFile(from: team.cli.home.file("backup"), to: laptop)
            try team.run("alice", ["log", "-i", id, "e3"])

            let healed = try team.run("alice", ["sync", url])
            #expect(healed.status == 0, "\(healed.stderr)")
            #expect(healed.stdout.contains("this replica file was a copy of another"), "\(healed.stdout)")
            #expect(
                healed.stdout.contains("received 1 new ops (2 already held), sent 1\n"),
                "e2 in, e3 out: \(healed.stdout)")
            #expect(try team.run("alice", ["doctor"]).stdout.contains("copy: healed"))
            try team.run("carol", ["sync", url])
            try team.run("alice", ["sync", url])
            let views = try team.views(of: id)
            #expect(Set(views).count == 1, "every replica prints the same")
            for text in ["\"e1\"", "\"e2\"", "\"e3\""] { #expect(views[0].contains(text), "\(text)") }
        }
    }

    /// A cloned machine: one replica file on two machines, and both write. The history made
    /// first stands everywhere, whichever reaches the hub first; the clone heals.
    @Test func twoClonesOfOneReplicaFileThatBothWriteConvergeThroughAHub() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        try team.withHub(on: "bob") { url in
            let id = try team.newIncident("alice")
            try team.run("alice", ["log", "-i", id, "e1"])
            try team.run("alice", ["sync", url])
            try copyReplicaFile(from: team.cli.home.file("alice.sqlite"), to: team.cli.home.file("clone.sqlite"))
            try team.run("alice", ["log", "-i", id, "from alice"])
            try team.run("clone", ["log", "-i", id, "from the clone"])

            // The clone's op, made second, reaches the hub first.
            #expect(try team.run("clone", ["sync", url]).status == 0)
            let first = try team.run("alice", ["sync", url])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("moved 1 op of replica"), "\(first.stdout)")
            let healed = try team.run("clone", ["sync", url])
            #expect(healed.stdout.contains("this replica file was a copy of another"), "\(healed.stdout)")
            let doctor = try team.run("bob", ["doctor"]).stdout
            #expect(doctor.contains("wrote two from its op 3"), "\(doctor)")
            for name in ["carol", "alice", "clone"] { try team.run(name, ["sync", url]) }
            let views = try team.views(of: id)
            #expect(Set(views).count == 1, "every replica prints the same")
            for text in ["\"e1\"", "\"from alice\"", "\"from the clone\""] {
                #expect(views[0].contains(text), "\(text)")
            }
            #expect(
                try team.run("clone", ["show", id, "--json"]).stdout
                    == team.run("carol", ["show", id, "--json"]).stdout)
        }
    }

    @Test func threeReplicasConvergeThroughAFolderAndShowTheStatusConflict() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        let share = team.cli.home.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let id = try team.newIncident("alice", "Search API returns 500", severity: "1")
        for name in team.names + ["alice"] { #expect(try team.run(name, ["sync", share]).status == 0) }
        for name in ["bob", "carol"] { #expect(try team.run(name, ["use", id]).status == 0) }

        try team.run("alice", ["log", "--at", "10m ago", "api 5xx climbing"])
        try team.run("bob", ["log"], input: "paged bob\nrestarted pods\n")
        try "14:02 first alert\n14:03 dashboards red\n".write(
            toFile: team.cli.home.file("scratch.txt"), atomically: true, encoding: .utf8)
        try team.run("carol", ["import", team.cli.home.file("scratch.txt")])
        try team.run("alice", ["status", "investigating"])
        try team.run("bob", ["status", "stabilized", "-m", "failed over to the standby"])

        for _ in 0..<2 {
            for name in team.names.shuffled() { #expect(try team.run(name, ["sync", share]).status == 0) }
        }
        let views = try team.views(of: id)
        #expect(views[1] == views[0])
        #expect(views[2] == views[0])
        #expect(views[0].contains("\"field\":\"status\""), "the concurrent status change shows as a conflict")
        let shown = try team.run("carol", ["show", id]).stdout
        #expect(shown.contains("CONFLICT status"))
        #expect(shown.contains("(alice)") && shown.contains("(bob)"), "who set what")
        #expect(views[0].contains("first alert"))
    }

    @Test func bundlesCarryOpsAlongAChainAndBadBundlesChangeNothing() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        let id = try team.newIncident("alice", "Staging down", severity: "3")
        try team.run("alice", ["log", "-i", id, "restarted staging"])
        let ab = team.cli.home.file("ab.bundle")
        let bc = team.cli.home.file("bc.bundle")
        #expect(try team.run("alice", ["bundle", "create", ab]).status == 0)
        #expect(try team.run("bob", ["bundle", "apply", ab]).stdout.contains("2 applied"))
        #expect(try team.run("bob", ["bundle", "apply", ab]).stdout.contains("0 applied, 2 already held"))
        try team.run("bob", ["log", "-i", id, "bob was here"])
        #expect(try team.run("bob", ["bundle", "create", bc]).status == 0)
        #expect(try team.run("carol", ["bundle", "apply", bc]).status == 0)
        #expect(
            try team.run("carol", ["show", id, "--json"]).stdout == team.run("bob", ["show", id, "--json"]).stdout)

        let before = try team.run("alice", ["show", id, "--json"]).stdout
        let whole = try Data(contentsOf: URL(fileURLWithPath: bc))
        let truncated = team.cli.home.file("truncated.bundle")
        try whole.prefix(whole.count - 20).write(to: URL(fileURLWithPath: truncated))
        let corrupted = team.cli.home.file("corrupted.bundle")
        var flipped = whole
        flipped[flipped.count / 2] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: corrupted))
        let random = team.cli.home.file("random.bundle")
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: random))
        for bad in [truncated, corrupted, random] {
            let result = try team.run("alice", ["bundle", "apply", bad])
            #expect(result.status == 1)
            #expect(result.stderr.contains("nothing was applied"))
        }
        #expect(try team.run("alice", ["show", id, "--json"]).stdout == before)
        #expect(!before.contains("bob was here"))
    }

    @Test func serveRefusesWrongTokensAndSyncsBothWaysWithTheRightOne() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        let tokenFile = team.cli.home.file("token")
        try "s3cret-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let port = Int.random(in: 20_000...60_000)
        let url = "http://127.0.0.1:\(port)"
        let id = try team.newIncident("alice", "Search API returns 500", severity: "1")

        let refused = try team.run("alice", ["serve", "--listen", "0.0.0.0:\(port)"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("without a token"))

        var server = try team.serve("alice", port: port, tokenFile: tokenFile)
        try team.run("bob", ["new", "Bob's own incident", "--severity", "2"])
        let bobBefore = try team.run("bob", ["list", "--all", "--json"]).stdout
        let wrong = try team.run("bob", ["sync", url], environment: ["INCIDENT_TOKEN": "nope"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("401"))
        #expect(try team.run("bob", ["list", "--all", "--json"]).stdout == bobBefore)

        try team.run("bob", ["remote", "add", "hub", url, "--token-file", tokenFile])
        try team.run("bob", ["remote", "add", "stick", team.cli.home.file("no-such-stick")])
        #expect(try team.run("bob", ["remote", "list"]).stdout.contains("hub  \(url)"))
        #expect(try team.run("bob", ["remote", "remove", "stick"]).status == 0)
        #expect(!(try team.run("bob", ["remote", "list"]).stdout.contains("stick")))
        #expect(try team.run("bob", ["remote", "remove", "stick"]).status == 1)
        #expect(try team.run("bob", ["sync"]).status == 0)

        kill(server.pid, SIGTERM)
        #expect(try server.finish().status == 0, "SIGTERM stops the server cleanly")
        server = try team.serve("alice", port: port, tokenFile: tokenFile)
        try team.run("carol", ["remote", "add", "hub", url, "--token-file", tokenFile])
        #expect(try team.run("carol", ["sync", "hub"]).status == 0)
        #expect(try team.run("bob", ["sync", "hub"]).status == 0)
        kill(server.pid, SIGTERM)
        _ = try server.finish()

        let views = try team.views(of: id)
        #expect(views[1] == views[0])
        #expect(views[2] == views[0])
        #expect(views[0].contains("Bob's own incident"))
    }

    @Test func aServerKilledMidSyncLosesNothingAndSyncsAfterARestart() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        let port = Int.random(in: 20_000...60_000)
        let url = "http://127.0.0.1:\(port)"
        let id = try team.newIncident("bob", "Search API returns 500", severity: "1")
        let many = (0..<20_000).map { "line \($0)" }.joined(separator: "\n")
        #expect(try team.run("bob", ["log"], input: many).status == 0)

        var server = try team.serve("alice", port: port)
        // The server is frozen, so the sync is certainly under way (connected, waiting) when it dies.
        kill(server.pid, SIGSTOP)
        let before = try team.run("bob", ["show", id, "--json"]).stdout
        let sync = try team.start("bob", ["sync", url])
        Thread.sleep(forTimeInterval: 1.0)
        kill(server.pid, SIGKILL)
        _ = try server.finish()
        let interrupted = try sync.finish()
        #expect(interrupted.status == 1)
        #expect(interrupted.stderr.contains("cannot reach"), "a cut-off sync says why: \(interrupted.stderr)")
        #expect(try team.run("bob", ["show", id, "--json"]).stdout == before, "and changes nothing")

        server = try team.serve("alice", port: port)
        #expect(try team.run("bob", ["sync", url]).status == 0)
        #expect(try team.run("carol", ["sync", url]).status == 0)
        kill(server.pid, SIGTERM)
        _ = try server.finish()
        let views = try team.views(of: id)
        #expect(views[0] == views[1])
        #expect(views[2] == views[1])
        #expect(views[0].contains("line 19999"))
    }

    @Test func threeTransportsInShuffledOrdersEndByteIdentical() throws {
        let team = try Team()
        defer { team.cli.home.remove() }
        let share = team.cli.home.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let bundle = team.cli.home.file("a-to-b.bundle")
        let port = Int.random(in: 20_000...60_000)
        let url = "http://127.0.0.1:\(port)"
        let server = try team.serve("alice", port: port)
        defer {
            kill(server.pid, SIGTERM)
            _ = try? server.finish()
        }
        let id = try team.newIncident("alice", "Search API returns 500", severity: "1")
        let steps: [(String, [String])] = [
            ("alice", ["bundle", "create", bundle]), ("bob", ["bundle", "apply", bundle]),
            ("bob", ["sync", share]), ("carol", ["sync", share]), ("carol", ["sync", url]),
        ]
        // One round in order, so every replica knows the incident before recording on it.
        for (name, arguments) in steps { #expect(try team.run(name, arguments).status == 0) }
        let records: [(String, [String])] = [
            ("alice", ["log", "-i", id, "alice saw 5xx"]), ("bob", ["log", "-i", id, "--at", "5m ago", "bob paged"]),
            ("carol", ["status", "-i", id, "investigating"]), ("bob", ["set", "-i", id, "severity", "2"]),
            ("alice", ["set", "-i", id, "title", "Search API 5xx"]),
        ]
        for (name, arguments) in records {
            #expect(try team.run(name, arguments).status == 0, "\(name) \(arguments)")
        }
        for _ in 0..<3 {
            for (name, arguments) in steps.shuffled() {
                let result = try team.run(name, arguments)
                #expect(result.status == 0, "\(name) \(arguments): \(result.stderr)")
            }
        }
        let views = try team.views(of: id)
        #expect(views[1] == views[0])
        #expect(views[2] == views[0])
        for text in ["alice saw 5xx", "bob paged", "investigating", "Search API 5xx"] {
            #expect(views[0].contains(text))
        }
    }
}
