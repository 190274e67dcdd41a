import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

@Suite struct ModelTests {
    @Test func severityAcceptsOneToThreeOnly() throws {
        #expect(try Severity(parsing: "1").rawValue == 1)
        #expect(try Severity(parsing: "sev2").rawValue == 2)
        #expect(throws: CoreError.badSeverity("7")) { try Severity(parsing: "7") }
        #expect(throws: CoreError.badSeverity("high")) { try Severity(parsing: "high") }
    }

    @Test func theRunbookAsksForSummariesWhenStabilizedAndResolved() {
        #expect(IncidentStatus.stabilized.requiredSummary == .mitigation)
        #expect(IncidentStatus.resolved.requiredSummary == .solution)
        #expect(IncidentStatus.investigating.requiredSummary == nil)
    }

    @Test func registerHeadsPickTheGreatestClockAndFlagDifferentValues() {
        let a = ReplicaID.random()
        let b = ReplicaID.random()
        let early = RegisterWrite(
            operation: OperationID(replica: a, seq: 1), hlc: HybridTimestamp(wall: 1, counter: 0, replica: a),
            author: "a",
            value: "x")
        let late = RegisterWrite(
            operation: OperationID(replica: b, seq: 1), hlc: HybridTimestamp(wall: 2, counter: 0, replica: b),
            author: "b",
            value: "y")
        let heads = RegisterHeads([early, late])
        #expect(heads.winner == late)
        #expect(heads.isConflicted)
        var same = late
        same.value = "x"
        #expect(!RegisterHeads([early, same]).isConflicted)
        #expect(!RegisterHeads([early]).isConflicted)
    }

    @Test("shortest prefixes are unique and at least six long", arguments: 0..<10)
    func shortestPrefixes(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let ids = (0..<300).map { _ in
            IncidentID(
                rawValue: (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }
                    .joined())!
        }
        let table = ShortestPrefixes.Table(ids: ids.map(\.rawValue))
        let prefixes = ids.map { ($0, table.prefix(ofHex: $0.rawValue)) }
        #expect(Set(prefixes.map(\.1)).count == ids.count)
        for (id, prefix) in prefixes {
            #expect(prefix.count >= 6)
            #expect(id.rawValue.hasPrefix(prefix))
            #expect(ids.filter { $0.rawValue.hasPrefix(prefix) } == [id])
        }
    }

    @Test func idsThatShareLongPrefixesGetLongerOnes() throws {
        let a = "abcdef0123456789abcdef0123456780"
        let b = "abcdef0123456789abcdef0123456781"
        let c = "abcdef0200000000000000000000000f"
        let table = ShortestPrefixes.Table(ids: [c, b, a])
        #expect(table.prefix(ofHex: a) == a)
        #expect(table.prefix(ofHex: b) == b)
        #expect(table.prefix(ofHex: c) == "abcdef02")
        #expect(table.prefix(ofHex: "ffffffffffffffffffffffffffffffff") == "ffffff")
    }

    @Test func versionVectorsDropEmptyEntriesAndEncodeAsAnObject() throws {
        let a = ReplicaID.random()
        var vector = VersionVector([a: 3, .random(): 0])
        #expect(vector.seqs.count == 1)
        vector[a] = 0
        #expect(vector.seqs.isEmpty)
        let encoded = try JSONEncoder().encode(VersionVector([a: 7]))
        #expect(String(decoding: encoded, as: UTF8.self) == "{\"\(a.rawValue)\":7}")
        #expect(try JSONDecoder().decode(VersionVector.self, from: encoded) == VersionVector([a: 7]))
    }
}

@Suite struct FilePathsTests {
    @Test func theFolderOfAPathIsWhatComesBeforeItsLastSlash() {
        #expect(FilePaths.folder(of: "x") == "")
        #expect(FilePaths.folder(of: "-") == "")
        #expect(FilePaths.folder(of: "/x") == "/")
        #expect(FilePaths.folder(of: "a/b.bundle") == "a")
        #expect(FilePaths.folder(of: "/tmp/a/b") == "/tmp/a")
    }
}
