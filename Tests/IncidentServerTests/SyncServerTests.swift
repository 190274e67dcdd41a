import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentCore
import IncidentHTTPSync
import IncidentServer
import IncidentStore
import IncidentSync
import IncidentTestSupport
import NIOCore
import Testing

@Suite struct SyncServerTests {
    func bundle(of replica: Replica, missingFrom vector: VersionVector = VersionVector()) throws -> ByteBuffer {
        var data = Data()
        try replica.writeBundle(missingFrom: vector) { data.append($0) }
        return ByteBuffer(bytes: data)
    }

    @Test func aWrongOrMissingTokenIsRefusedAndChangesNothing() async throws {
        let server = try Replica.named("hub")
        let client = try Replica.named("alice")
        _ = try client.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        let body = try bundle(of: client)
        let app = Application(router: buildRouter(replica: server, token: "right"))
        try await app.test(.router) { http in
            for header in ["Bearer wrong", "", "right"] {
                var headers = HTTPFields()
                if !header.isEmpty { headers[.authorization] = header }
                let response = try await http.execute(uri: "/v1/push", method: .post, headers: headers, body: body)
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("token"))
            }
            #expect(try server.allOperations().isEmpty, "the refused pushes wrote nothing")
            #expect(try server.versionVector() == VersionVector())
            let ok = try await http.execute(
                uri: "/v1/push", method: .post, headers: [.authorization: "Bearer right"], body: body)
            #expect(ok.status == .ok)
        }
        #expect(try server.allOperations() == client.allOperations())
    }

    @Test func pullSendsOnlyWhatTheCallerLacks() async throws {
        let server = try Replica.named("hub")
        let id = try server.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try server.log([NewEntry(at: 0, kind: .event, text: "one")], to: id)
        let vector = try server.versionVector()
        try server.log([NewEntry(at: 0, kind: .event, text: "two")], to: id)
        let app = Application(router: buildRouter(replica: server, token: nil))
        try await app.test(.router) { http in
            let request = try JSONEncoder().encode(["vector": vector])
            let response = try await http.execute(uri: "/v1/pull", method: .post, body: ByteBuffer(bytes: request))
            #expect(response.status == .ok)
            let bundleLines = String(buffer: response.body).split(separator: "\n")
            #expect(bundleLines.count == 3, "header, the one missing op, trailer")
            #expect(bundleLines[1].contains("two"))
        }
    }

    @Test func oversizedBodiesAndOpsGet413() async throws {
        let server = try Replica.named("hub")
        let limits = ServerLimits(maxRequestBytes: 4096, maxOperationBytes: 300)
        let app = Application(router: buildRouter(replica: server, token: nil, limits: limits))
        try await app.test(.router) { http in
            let huge = ByteBuffer(bytes: Data(repeating: UInt8(ascii: "x"), count: 10_000))
            let tooBig = try await http.execute(uri: "/v1/push", method: .post, body: huge)
            #expect(tooBig.status == .contentTooLarge, "\(String(buffer: tooBig.body))")
            let client = try Replica.named("alice")
            _ = try client.createIncident(
                title: String(repeating: "long ", count: 100), severity: Severity(rawValue: 1)!)
            let bigOp = try await http.execute(uri: "/v1/push", method: .post, body: bundle(of: client))
            #expect(bigOp.status == .contentTooLarge)
            #expect(String(buffer: bigOp.body).contains("over 300 bytes"))
        }
        #expect(try server.allOperations().isEmpty)
    }

    @Test func theLargestOpAReplicaAcceptsFitsEverySyncPath() async throws {
        let client = try Replica.named("alice")
        let worst = String(repeating: "\u{1}", count: TextLimit.maximumBytes)  // escaped as \u0001: six bytes each
        let id = try client.createIncident(title: worst, severity: Severity(rawValue: 1)!, lead: worst)
        try client.log([NewEntry(at: 0, kind: .event, text: worst)], to: id)
        let longest = try client.allOperations().map { OperationCoding.encode($0).count }.max() ?? 0
        #expect(longest > 2 * 6 * TextLimit.maximumBytes)
        #expect(longest < ServerLimits().maxOperationBytes)
        #expect(longest < FileLines.maximumLineLength)
        let server = try Replica.named("hub")
        let app = Application(router: buildRouter(replica: server, token: nil))
        try await app.test(.router) { http in
            let pushed = try await http.execute(uri: "/v1/push", method: .post, body: bundle(of: client))
            #expect(pushed.status == .ok)
        }
        #expect(try server.incident(id).title == worst)
    }

    @Test func aCorruptedPushIsRefusedWithAJSONMessage() async throws {
        let server = try Replica.named("hub")
        let app = Application(router: buildRouter(replica: server, token: nil))
        try await app.test(.router) { http in
            let response = try await http.execute(
                uri: "/v1/push", method: .post, body: ByteBuffer(string: "not a bundle\n"))
            #expect(response.status == .badRequest)
            let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            #expect((json?["error"] as? [String: Any])?["message"] as? String != nil)
        }
    }

    @Test func aPushWhoseVectorAddsPastTheLargestIntegerIsRefusedAndTheServerGoesOn() async throws {
        let server = try Replica.named("hub")
        let app = Application(router: buildRouter(replica: server, token: nil))
        let peer = "0123456789abcdef0123456789abcdef"
        let hostile = CraftedBundle.text(
            header: CraftedBundle.header(source: peer, vector: [peer: .max, String(peer.reversed()): .max]))
        try await app.test(.router) { http in
            let refused = try await http.execute(uri: "/v1/push", method: .post, body: ByteBuffer(string: hostile))
            #expect(refused.status == .badRequest)
            let client = try Replica.named("alice")
            _ = try client.createIncident(title: "after", severity: Severity(rawValue: 1)!)
            let next = try await http.execute(uri: "/v1/push", method: .post, body: bundle(of: client))
            #expect(next.status == .ok)
        }
        #expect(try server.incidents().map(\.title) == ["after"])
    }

    @Test func twoWaySyncOverARealSocketConverges() async throws {
        let server = try Replica.named("hub")
        let client = try Replica.named("alice")
        let id = try server.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try client.apply(server.allOperations())
        try server.setStatus(.investigating, summary: nil, of: id)
        try client.setStatus(.stabilized, summary: "failover", of: id)
        let app = Application(
            router: buildRouter(replica: server, token: "secret"),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { http in
            let port = try #require(http.port)
            let report = try await client.syncHTTP(url: "http://127.0.0.1:\(port)", token: "secret")
            #expect(report.received.applied == 2)
            #expect(report.sent == 3)
            await #expect(throws: SyncError.self) {
                try await client.syncHTTP(url: "http://127.0.0.1:\(port)", token: "wrong")
            }
        }
        #expect(try server.materializedState() == client.materializedState())
        #expect(try server.incident(id).conflicts.contains { $0.field == "status" })
    }

    /// Something else listens at the address: a web server that answers with an empty body.
    @Test(arguments: [HTTPResponse.Status.notFound, .internalServerError])
    func anEmptyErrorFromAServerThatIsNotAHubIsSaidInWords(status: HTTPResponse.Status) async throws {
        let client = try Replica.named("alice")
        _ = try client.createIncident(title: "t", severity: Severity(rawValue: 2)!)
        let before = try client.materializedState()
        let router = Router()
        router.post("/v1/pull") { _, _ in Response(status: status) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { http in
            let port = try #require(http.port)
            let error = await #expect(throws: SyncError.self) {
                try await client.syncHTTP(url: "http://127.0.0.1:\(port)", token: nil)
            }
            #expect(
                error?.description
                    == "the remote answered \(status.code): \(status.reasonPhrase), with no message: "
                    + "is `incident serve` at that address?")
        }
        #expect(try client.materializedState() == before)
    }

    @Test func aPublicAddressWithoutATokenOrTLSIsRefusedAtStart() throws {
        let replica = try Replica.named("hub")
        #expect(throws: ServerError.tokenRequired(host: "0.0.0.0")) {
            _ = try buildApplication(replica: replica, host: "0.0.0.0", port: 8080, token: nil)
        }
        #expect(throws: ServerError.tlsRequired(host: "0.0.0.0")) {
            _ = try buildApplication(replica: replica, host: "0.0.0.0", port: 8080, token: "t")
        }
        #expect(throws: ServerError.badTLSFiles("/no/such.pem", reason: "not a PEM certificate")) {
            _ = try buildApplication(
                replica: replica, host: "0.0.0.0", port: 8080, token: "t",
                tls: TLSFiles(certificate: "/no/such.pem", key: "/no/such.key"))
        }
        _ = try buildApplication(replica: replica, host: "127.0.0.1", port: 8080, token: nil)
        _ = try buildApplication(replica: replica, host: "0.0.0.0", port: 8080, token: "t", insecureHTTP: true)
    }

    @Test func plainHTTPOffThisMachineIsRefusedBeforeConnecting() async throws {
        let replica = try Replica.named("alice")
        await #expect(throws: SyncError.plainHTTP("http://192.0.2.1:8080")) {
            try await replica.syncHTTP(url: "http://192.0.2.1:8080/", token: "t")
        }
    }
}
