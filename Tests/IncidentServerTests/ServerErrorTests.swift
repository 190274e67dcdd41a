import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IncidentStore
import NIOCore
import Testing

@testable import IncidentServer

/// Every error the hub answers is JSON with a message a client can show, and no path of the server's.
@Suite struct ServerErrorTests {
    static func message(_ response: TestResponse) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return try #require((json?["error"] as? [String: Any])?["message"] as? String)
    }

    @Test func unknownRoutesAndBadBundlesAnswerJSONWithoutServerPaths() async throws {
        let replica = try Replica.inMemory()
        try replica.initialize(name: "hub")
        let app = Application(router: buildRouter(replica: replica, token: nil))
        try await app.test(.router) { http in
            let missing = try await http.execute(uri: "/v2/nothing", method: .get)
            #expect(missing.status == .notFound)
            #expect(try Self.message(missing).contains("/v1/push"))

            let bad = try await http.execute(uri: "/v1/push", method: .post, body: ByteBuffer(string: "{}\n"))
            #expect(bad.status == .badRequest)
            let text = try Self.message(bad)
            #expect(text.contains("the pushed bundle"))
            #expect(!text.contains(NSTemporaryDirectory()) && !text.contains("/tmp"), "\(text)")
        }
    }

    @Test func aBusyReplicaIs503AndAnyOtherFailure500WithAMessage() async throws {
        let router = Router()
        router.add(middleware: JSONErrorMiddleware())
        router.get("busy") { _, _ -> String in
            throw DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")
        }
        router.get("broken") { _, _ -> String in throw CocoaError(.fileWriteOutOfSpace) }
        try await Application(router: router).test(.router) { http in
            let busy = try await http.execute(uri: "/busy", method: .get)
            #expect(busy.status == .serviceUnavailable)
            #expect(try Self.message(busy).contains("try again"))
            let broken = try await http.execute(uri: "/broken", method: .get)
            #expect(broken.status == .internalServerError)
            #expect(try !Self.message(broken).isEmpty)
        }
    }
}
