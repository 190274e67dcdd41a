import IncidentCore
import IncidentTestSupport
import Testing

/// A replica's key and the fingerprint a person compares: made from the bits given, the
/// same from the same seed.
@Suite struct ReplicaKeyTests {
    @Test func aKeyIsItsSeedsAndItsFingerprintNamesItsPublicHalf() throws {
        let one = ReplicaKey(from: .seeded(1))
        let again = ReplicaKey(from: .seeded(1))
        let other = ReplicaKey(from: .seeded(2))
        #expect(one.publicKey == again.publicKey)
        #expect(one.fingerprint == again.fingerprint)
        #expect(one.fingerprint != other.fingerprint)
        #expect(one.rawRepresentation.count == 32)
        #expect(one.publicKey.count == 32)
        #expect(one.publicKey != one.rawRepresentation, "the public half is not the seed")
        let read = try #require(ReplicaKey(rawRepresentation: one.rawRepresentation))
        #expect(read.publicKey == one.publicKey)
        #expect(ReplicaKey(rawRepresentation: Array(one.rawRepresentation.prefix(31))) == nil)
    }

    @Test func aFingerprintIsWrittenInGroupsAndNamesTheReplicaItMade() throws {
        let fingerprint = ReplicaKey(from: .seeded(3)).fingerprint
        let written = fingerprint.description
        #expect(written.split(separator: " ").count == 8)
        #expect(written.split(separator: " ").allSatisfy { $0.count == 4 })
        #expect(fingerprint.replicaID.rawValue == written.replacingOccurrences(of: " ", with: ""))
    }
}
