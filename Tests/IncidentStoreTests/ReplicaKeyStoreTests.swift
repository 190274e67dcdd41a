import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// Where a replica's private key lives: in its own file, which only its owner may read,
/// made with the replica (whose id its fingerprint gives) or at the upgrade of a file made
/// before keys existed (whose id stays).
@Suite struct ReplicaKeyStoreTests {
    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    @Test func aNewReplicasIdIsItsKeysFingerprintAndTheKeyStaysWithTheFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("alice.sqlite")
        let alice = try Replica.open(path: path)
        let identity = try alice.initialize(name: "alice").identity
        let key = try #require(try alice.key())
        #expect(identity.id == key.fingerprint.replicaID)
        try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        #expect(try mode(path) == 0o600)
        #expect(try mode(path + "-wal") == 0o600, "SQLite gives the write-ahead log the file's mode")
        try alice.close()
        let reopened = try Replica.open(path: path)
        #expect(try reopened.key()?.rawRepresentation == key.rawRepresentation)
        #expect(try reopened.identity()?.id == identity.id)
    }

    @Test func aFileOthersMayReadRecordsNothingUntilItIsOwnersAlone() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("alice.sqlite")
        let alice = try Replica.open(path: path)
        try alice.initialize(name: "alice")
        let id = try alice.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        #expect(alice.keyExposure() == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        #expect(alice.keyExposure() == 0o644)
        let before = try alice.allOperations()
        #expect(throws: StoreError.keyExposed(path, mode: 0o644)) {
            try alice.log([NewEntry(at: 0, kind: .event, text: "paged bob")], to: id)
        }
        #expect(try alice.allOperations() == before, "nothing was written")
        #expect(try alice.incident(id).title == "t", "reading goes on")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try alice.log([NewEntry(at: 0, kind: .event, text: "paged bob")], to: id).count == 1)
    }

    @Test func aReplicaOfThePreviousFormatGetsAKeyAndKeepsItsIdAndEverything() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v6.sqlite")
        try FileManager.default.copyItem(atPath: FixtureFiles.root + "/replicas/v6.sqlite", toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let replica = try Replica.open(path: path)
        let identity = try #require(try replica.identity())
        let key = try #require(try replica.key())
        #expect(identity.id != key.fingerprint.replicaID, "an id made before keys stays as it was")
        #expect(try mode(path) == 0o600, "the upgrade makes the file its owner's alone")
        let incident = try #require(try replica.incidents(includeClosed: true).first)
        let json = try FixtureFiles.data("replicas/v6.show.json")
        var shown: [UInt8] = []
        try replica.readIncident(incident.id) { incident, forEachEntry in
            try incident.writeJSON(to: { shown += $0 }, timeline: forEachEntry)
        }
        #expect(String(decoding: shown, as: UTF8.self) + "\n" == String(decoding: json, as: UTF8.self))
        try replica.close()
        #expect(try Replica.open(path: path).key()?.rawRepresentation == key.rawRepresentation, "made once")
    }

    @Test func aNewIdByHandIsANewKeys() throws {
        let alice = try Replica.named("alice")
        let old = try #require(try alice.key())
        let (_, new, _) = try alice.reidentify(remakingFrom: nil)
        let key = try #require(try alice.key())
        #expect(key.rawRepresentation != old.rawRepresentation)
        #expect(new == key.fingerprint.replicaID)
    }
}
