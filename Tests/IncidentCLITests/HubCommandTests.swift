import Foundation
import IncidentTestSupport
import Testing

/// The hub as a team runs it: over HTTPS with its own CA, and its timeline pages in a real
/// browser (Debian's `chromium`, headless; `.ci/run` installs it where missing).
@Suite struct HubCommandTests {
    /// Runs `program arguments…` in `folder` and returns its standard output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(description: "\(program) \(arguments.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct CommandError: Error, CustomStringConvertible {
        var description: String
    }

    /// A CA, a certificate it signed for 127.0.0.1, and a CA that signed nothing, by openssl.
    static func makeCertificates(in folder: String) throws {
        let subject = ["-nodes", "-days", "2", "-newkey", "rsa:2048"]
        try run(
            "openssl", ["req", "-x509"] + subject + ["-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=team CA"],
            in: folder)
        try run(
            "openssl",
            ["req", "-x509"] + subject + ["-keyout", "other.key", "-out", "other.pem", "-subj", "/CN=other"], in: folder
        )
        try run(
            "openssl", ["req"] + subject + ["-keyout", "hub.key", "-out", "hub.csr", "-subj", "/CN=127.0.0.1"],
            in: folder)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(
            toFile: folder + "/san.cnf", atomically: true, encoding: .utf8)
        try run(
            "openssl",
            [
                "x509", "-req", "-in", "hub.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                "hub.pem",
                "-days", "2", "-extfile", "san.cnf",
            ], in: folder)
    }

    @Test(ExternalProgram.needed("openssl")) func syncOverHTTPSTrustsTheTeamsCAAndRefusesAnother() throws {
        let team = try SyncCommandTests.Team()
        defer { team.cli.home.remove() }
        let home = team.cli.home.path
        try Self.makeCertificates(in: home)
        try "hub-token\n".write(toFile: home + "/token", atomically: true, encoding: .utf8)
        let id = try team.newIncident("alice", "Search returns nothing")
        let port = Int.random(in: 20_000...60_000)
        let url = "https://127.0.0.1:\(port)"
        let server = try team.start(
            "alice",
            [
                "serve", "--listen", "127.0.0.1:\(port)", "--token-file", home + "/token", "--tls-cert",
                home + "/hub.pem",
                "--tls-key", home + "/hub.key",
            ])
        defer {
            kill(server.pid, SIGTERM)
            _ = try? server.finish()
        }
        let trusting = ["INCIDENT_TOKEN": "hub-token", "INCIDENT_CA_FILE": home + "/ca.pem"]
        var synced = false
        for _ in 0..<100 where !synced {
            synced = try team.run("bob", ["sync", url], environment: trusting).status == 0
            if !synced { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(synced, "bob syncs over HTTPS, trusting the team's CA")
        #expect(
            try team.run("bob", ["show", id, "--json"]).stdout == team.run("alice", ["show", id, "--json"]).stdout)

        let untrusted = try team.run(
            "carol", ["sync", url],
            environment: ["INCIDENT_TOKEN": "hub-token", "INCIDENT_CA_FILE": home + "/other.pem"])
        #expect(untrusted.status == 1)
        #expect(untrusted.stderr.contains("the certificate of \(url) is not trusted here"), "\(untrusted.stderr)")
        #expect(try team.run("carol", ["list", "--all"]).stdout.isEmpty, "nothing was applied")

        // A remote keeps its CA, so a plain `incident sync` works from anywhere.
        #expect(
            try team.run(
                "carol", ["remote", "add", "hub", url, "--ca-file", home + "/ca.pem", "--token-file", home + "/token"]
            )
            .status == 0)
        #expect(try team.run("carol", ["sync"]).status == 0)
        #expect(
            try team.run("carol", ["show", id, "--json"]).stdout == team.run("alice", ["show", id, "--json"]).stdout)

        let plain = try team.run("carol", ["sync", "http://192.0.2.1:8080"])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("over plain HTTP"))
        let refused = try team.run("carol", ["remote", "add", "far", "http://192.0.2.1:8080"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--insecure-http"))
        let publicPlain = try team.run(
            "alice", ["serve", "--listen", "0.0.0.0:\(port + 1)", "--token-file", home + "/token"])
        #expect(publicPlain.status == 1)
        #expect(publicPlain.stderr.contains("refusing to listen on 0.0.0.0 over plain HTTP"))
    }

    @Test(ExternalProgram.needed("chromium")) func theTimelinePagesInHeadlessChromium() throws {
        let team = try SyncCommandTests.Team()
        defer { team.cli.home.remove() }
        let home = team.cli.home.path
        let id = try team.run("alice", ["new", "Search returns nothing", "--severity", "1", "--lead", "bob"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for arguments in [
            ["log", "--at", "20m ago", "alert fired: 5xx at 40%"],
            ["log", "--at", "10m ago", "<script>document.title='owned'</script> pasted from the logs"],
            ["log", "--kind", "update", "posted on the status page"],
            ["log", "dashboard: https://grafana.example.org/d/api-latency-overview-for-the-search-cluster?orgId=1"],
            ["review", "summary", "one ASN sent 80% of the traffic and the rate limiter did not see it"],
            ["notes", "add", "cloudflare: one ASN is 80% of traffic"],
            ["alarm", "silence", "api-5xx-rate", "--for", "2h"],
            ["link", "add", "https://status.example.org/incidents/42"],
            ["action", "add", "alert on one ASN's share of traffic", "--owner", "carol"],
        ] {
            #expect(try team.run("alice", arguments).status == 0, "\(arguments)")
        }
        let port = Int.random(in: 20_000...60_000)
        let server = try team.serve("alice", port: port)
        defer {
            kill(server.pid, SIGTERM)
            _ = try? server.finish()
        }
        let chromium = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        let page = "http://127.0.0.1:\(port)/incidents/\(id)"
        let dom = try Self.run("chromium", chromium + ["--dump-dom", page], in: home)
        let entries = [
            "alert fired: 5xx at 40%", "&lt;script&gt;document.title='owned'&lt;/script&gt;",
            "posted on the status page",
        ]
        let positions = try entries.map { try #require(dom.range(of: $0), "\($0) is on the page").lowerBound }
        #expect(positions == positions.sorted(), "the timeline in event-time order")
        #expect(dom.contains("<title>Search returns nothing</title>"), "the hostile entry ran no script")
        for part in [
            "cloudflare: one ASN is 80% of traffic", "api-5xx-rate", "status.example.org/incidents/42", "(carol)",
            "<a href=\"https://grafana.example.org/d/api-latency-overview-for-the-search-cluster?orgId=1\"",
            "<span class=\"label\">update</span>", "<h2>Postmortem</h2>",
        ] {
            #expect(dom.contains(part), "\(part)")
        }
        let list = try Self.run("chromium", chromium + ["--dump-dom", "http://127.0.0.1:\(port)/"], in: home)
        #expect(list.contains("<a href=\"/incidents/\(id)"), "a full id, which `new` printed the start of")
        #expect(list.contains(">Search returns nothing</a>"))

        for (name, url, height) in [("incident", page, "900"), ("list", "http://127.0.0.1:\(port)/", "400")] {
            let file = "\(home)/\(name).png"
            try Self.run("chromium", chromium + ["--screenshot=\(file)", "--window-size=412,\(height)", url], in: home)
            let png = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
            #expect(png.count > 5_000, "\(name) shows something")
            // The README's pictures are these, made again with INCIDENT_UPDATE_GOLDENS=1.
            if ProcessInfo.processInfo.environment["INCIDENT_UPDATE_GOLDENS"] == "1" {
                let docs = URL(fileURLWithPath: FixtureFiles.root).deletingLastPathComponent()
                    .appendingPathComponent("docs/\(name == "list" ? "incidents" : "incident")-page.png")
                try png.write(to: docs)
            }
        }
    }
}
