import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentCore
import IncidentHTTPSync
import IncidentServer
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// The private key never travels: not in a bundle, a folder's segments, or what a push
/// leaves on the hub, in any form it could be written in.
@Suite struct PrivateKeyStaysHomeTests {
    /// The seed's bytes, and the seed as hex and base64 text.
    func forms(of key: ReplicaKey) -> [Data] {
        let seed = Data(key.rawRepresentation)
        return [seed, Data(HexDigits.string(of: key.rawRepresentation).utf8), Data(seed.base64EncodedString().utf8)]
    }

    func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).map { folder + "/" + $0 }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    @Test func noBundleSegmentOrPushCarriesIt() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let alice = try Replica.open(path: home.file("alice.sqlite"))
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        try alice.log([NewEntry(at: alice.now(), kind: .event, text: "paged the database team")], to: id)
        let key = try #require(try alice.key())

        try alice.createBundle(at: home.file("out.bundle"))
        try FileManager.default.createDirectory(atPath: home.file("share"), withIntermediateDirectories: true)
        _ = try alice.syncFolder(home.file("share"))
        let hub = try Replica.open(path: home.file("hub/hub.sqlite"))
        try hub.initialize(name: "hub")
        let app = Application(
            router: buildRouter(replica: hub, token: "secret"),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { http in
            let port = try #require(http.port)
            let report = try await alice.syncHTTP(url: "http://127.0.0.1:\(port)", token: "secret")
            #expect(report.sent == 2)
        }
        #expect(try hub.incident(id).timeline?.count == 1, "the push did land")

        let carried = [home.file("out.bundle")] + files(under: home.file("share")) + files(under: home.file("hub"))
        #expect(carried.count >= 3)
        for file in carried {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for form in forms(of: key) {
                #expect(bytes.range(of: form) == nil, "\(file) holds alice's private key")
            }
        }
    }
}
