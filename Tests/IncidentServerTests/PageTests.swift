import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentCore
import IncidentServer
import IncidentStore
import IncidentTestSupport
import NIOCore
import Testing

/// The timeline pages: rendered on the server, escaped, behind the token.
@Suite struct PageTests {
    func hubWithAHostileEntry() throws -> (Replica, IncidentID) {
        let replica = try Replica.inMemory()
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "Search <b>down</b>", severity: Severity(rawValue: 1)!)
        try replica.log([NewEntry(at: replica.now() - 60_000, kind: .event, text: "first: alert fired")], to: id)
        try replica.log([NewEntry(at: replica.now(), kind: .event, text: "<script>alert(1)</script>")], to: id)
        try replica.addNote("watch the <i>cache</i>", to: id)
        try replica.addLink("javascript:alert(2)", kind: .post, to: id)
        try replica.addLink("https://status.example.org/1", kind: .post, to: id)
        try replica.setAlarm("api-5xx", silenced: true, of: id)
        try replica.addAction("add a canary", owner: "bob", to: id)
        return (replica, id)
    }

    @Test func anEntryMovedByTwoPeopleAtOnceIsShownAsATimeConflict() async throws {
        let alice = try Replica.inMemory()
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "db outage", severity: Severity(rawValue: 1)!)
        let start: Int64 = 1_485_900_000_000  // 2017-01-31 22:00 UTC
        let entry = try #require(try alice.log([NewEntry(at: start, kind: .event, text: "rm -rf")], to: id).first)
        let bob = try Replica.inMemory()
        try bob.initialize(name: "bob")
        try bob.apply(alice.allOperations())
        try alice.editEntry(entry, at: start + 27 * 60_000, of: id)
        try bob.editEntry(entry, at: start + 20 * 60_000, of: id)
        try alice.apply(bob.allOperations())

        let app = Application(router: buildRouter(replica: alice, token: nil))
        try await app.test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/incidents/\(id.rawValue)", method: .get).body)
            #expect(html.contains("entry \(entry.rawValue.prefix(6)) time"), "\(html)")
            #expect(html.contains("2017-01-31 22:27"))
            #expect(html.contains("2017-01-31 22:20"))
        }
    }

    @Test func bothPagesRenderWithPeersTextEscaped() async throws {
        let (replica, id) = try hubWithAHostileEntry()
        let app = Application(router: buildRouter(replica: replica, token: nil))
        try await app.test(.router) { client in
            let list = try await client.execute(uri: "/", method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.contentType] == "text/html; charset=utf-8")
            let listHTML = String(buffer: list.body)
            #expect(listHTML.contains("<a href=\"/incidents/\(id.rawValue)\">Search &lt;b&gt;down&lt;/b&gt;</a>"))
            #expect(listHTML.contains("<meta http-equiv=\"refresh\" content=\"30\">"))

            let page = try await client.execute(uri: "/incidents/\(id.rawValue.prefix(8))", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>"))
            let first = try #require(html.range(of: "first: alert fired"))
            let second = try #require(html.range(of: "&lt;script&gt;"))
            #expect(first.lowerBound < second.lowerBound, "the timeline is in event-time order")
            #expect(html.contains("watch the &lt;i&gt;cache&lt;/i&gt;"))
            #expect(html.contains("<a href=\"https://status.example.org/1\">"))
            #expect(html.contains("javascript:alert(2)</li>"), "a link that is not http(s) is shown")
            #expect(!html.contains("<a href=\"javascript"), "and not followed")
            #expect(!html.contains("Mitigation:"), "no heading for a summary not given")
            #expect(html.contains("api-5xx"))
            #expect(html.contains("[ ] add a canary"))
            #expect(html.contains("times in UTC"))

            let missing = try await client.execute(uri: "/incidents/ffffff", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func anEntryStampedAheadOfTheHubsClockIsShownAndMarked() async throws {
        let clock = ManualClock()
        let replica = try Replica.inMemory(now: clock.source())
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "Login fails", severity: Severity(rawValue: 1)!)
        try replica.log([NewEntry(at: clock.now() - 60_000, kind: .event, text: "on time")], to: id)
        let peer = ReplicaID(rawValue: "0123456789abcdef0123456789abcdef")!
        let threeDays: Int64 = 3 * 86_400_000
        try replica.apply([
            IncidentCore.Operation(
                id: OperationID(replica: peer, seq: 1),
                hlc: HybridTimestamp(wall: clock.now() + threeDays, counter: 0, replica: peer), author: "bob",
                incident: id,
                payload: .addEntry(
                    AddEntry(entry: .random(), at: clock.now() + threeDays, kind: .event, text: "from bob")))
        ])
        let app = Application(router: buildRouter(replica: replica, token: nil))
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/incidents/\(id.rawValue)", method: .get)
            let html = String(buffer: page.body)
            #expect(html.contains("stamped 3d ahead of this clock</span></td><td>bob</td>"))
            #expect(html.components(separatedBy: "ahead of").count == 2, "the entry on time is not marked")
        }
    }

    @Test func withATokenABrowserIsAskedForItAsAPassword() async throws {
        let (replica, _) = try hubWithAHostileEntry()
        let app = Application(router: buildRouter(replica: replica, token: "s3cret"))
        try await app.test(.router) { client in
            let refused = try await client.execute(uri: "/", method: .get)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=\"incident\"") == true)
            let wrong = Data("anyone:guess".utf8).base64EncodedString()
            let wrongAnswer = try await client.execute(
                uri: "/", method: .get, headers: [.authorization: "Basic \(wrong)"])
            #expect(wrongAnswer.status == .unauthorized)
            let right = Data("anyone:s3cret".utf8).base64EncodedString()
            let page = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Basic \(right)"])
            #expect(page.status == .ok)
            let bearer = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer s3cret"])
            #expect(bearer.status == .ok)
        }
    }

    @Test func addressesInEntriesAreLinksUpdatesAreLabelledAndThePostmortemShows() async throws {
        let replica = try Replica.inMemory()
        try replica.initialize(name: "alice")
        let id = try replica.createIncident(title: "Search down", severity: Severity(rawValue: 1)!)
        let texts = [
            "graphs at https://grafana.example.org/d/api?from=now-1h. then javascript:alert(1)",
            "https://x.example.org/\"><script>alert(2)</script>",
            "not a link: https:// nor data:text/html,hi",
        ]
        for (offset, text) in texts.enumerated() {
            try replica.log([NewEntry(at: replica.now() - 60_000 + Int64(offset), kind: .event, text: text)], to: id)
        }
        try replica.setStatus(.stabilized, summary: "rolled back", of: id)
        try replica.setStatus(.resolved, summary: "fixed the cache", of: id)
        try replica.set(.summary, to: "ingestion stopped for an hour", of: id)
        try replica.set(.why1, to: "a deploy emptied the cache", of: id)
        let other = try replica.createIncident(title: "Old one", severity: Severity(rawValue: 2)!)
        try replica.setStatus(.resolved, summary: "done", of: other)
        let app = Application(router: buildRouter(replica: replica, token: nil))
        try await app.test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/incidents/\(id.rawValue)", method: .get).body)
            #expect(
                html.contains(
                    "<a href=\"https://grafana.example.org/d/api?from=now-1h\" rel=\"nofollow noopener noreferrer\">"
                        + "https://grafana.example.org/d/api?from=now-1h</a>. then javascript:alert(1)"), "\(html)")
            #expect(!html.contains("href=\"javascript"))
            #expect(!html.contains("<script>"), "an address with markup after it stays escaped")
            #expect(
                html.contains(
                    "href=\"https://x.example.org/\" rel=\"nofollow noopener noreferrer\">https://x.example.org/</a>"
                        + "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), "\(html)")
            #expect(html.contains("not a link: https:// nor data:text/html,hi</td>"))
            #expect(html.contains("<span class=\"label\">update</span> resolved: fixed the cache"))
            #expect(html.contains("<h2>Postmortem</h2>"))
            #expect(html.contains("<p id=\"summary\">ingestion stopped for an hour</p>"))
            #expect(html.contains("<li>Why? a deploy emptied the cache</li>"))
            let list = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(!list.contains("<td></td>\n</tr>"), "every incident has its last update: \(list)")
            #expect(list.components(separatedBy: "<td>20").count >= 3, "the resolved ones too: \(list)")
        }
    }
}
