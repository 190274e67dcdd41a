import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

/// Bundles a hostile or broken peer could write: refused whole, with nothing applied and
/// nothing crashed; the header is covered by the checksum from format 2.
@Suite struct HostileBundleTests {
    static let source = "0123456789abcdef0123456789abcdef"
    static let other = "fedcba9876543210fedcba9876543210"

    func replica(_ name: String) throws -> Replica {
        let replica = try Replica.inMemory()
        try replica.initialize(name: name)
        return replica
    }

    /// A real bundle of one incident from alice, as text lines.
    func aliceBundle(in folder: TemporaryDirectory) throws -> [String] {
        let alice = try replica("alice")
        _ = try alice.createIncident(title: "Search API returns 500", severity: Severity(rawValue: 1)!)
        try alice.createBundle(at: folder.file("alice.bundle"))
        return try String(contentsOfFile: folder.file("alice.bundle"), encoding: .utf8).split(separator: "\n")
            .map(String.init)
    }

    @Test func aVectorWhoseSeqsAddPastTheLargestIntegerIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let header = CraftedBundle.header(source: Self.source, vector: [Self.source: .max, Self.other: .max])
        try CraftedBundle.text(header: header).write(toFile: folder.file("b"), atomically: true, encoding: .utf8)
        let bob = try replica("bob")
        #expect(throws: SyncError.notABundle(folder.file("b"))) { try bob.applyBundle(at: folder.file("b")) }
        let huge = VersionVector(
            ["a": .max, "b": .max].reduce(into: [:]) { vector, entry in
                vector[ReplicaID(rawValue: String(repeating: entry.key, count: 32))!] = entry.value
            })
        #expect(ProgressLine.expected(from: huge, into: VersionVector()) == .max, "the count saturates")
    }

    @Test func anAlteredHeaderFailsTheChecksumAndANegativeVersionIsNotABundle() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var lines = try aliceBundle(in: folder)
        let bob = try replica("bob")
        let altered = folder.file("altered.bundle")
        let vectorStart = try #require(lines[0].range(of: #""vector":{"#))
        lines[0].replaceSubrange(vectorStart, with: #""vector":{"\#(Self.other)":5,"#)
        try lines.map { $0 + "\n" }.joined().write(toFile: altered, atomically: true, encoding: .utf8)
        #expect(throws: SyncError.corruptedBundle("checksum mismatch")) { try bob.applyBundle(at: altered) }
        #expect(throws: SyncError.corruptedBundle("checksum mismatch")) { try Replica.vector(ofBundleAt: altered) }

        let negative = folder.file("negative.bundle")
        let header = CraftedBundle.header(version: -7, source: Self.other)
        try CraftedBundle.text(header: header, operations: Array(lines[1..<lines.count - 1]))
            .write(toFile: negative, atomically: true, encoding: .utf8)
        #expect(throws: SyncError.notABundle(negative)) { try bob.applyBundle(at: negative) }
        #expect(try bob.allOperations().isEmpty)
    }

    @Test func aFormatOneBundleStillAppliesButCannotSayWhatItsWriterHolds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let lines = try aliceBundle(in: folder)
        #expect(lines[0].contains(#""version":2"#))
        let old = folder.file("v1.bundle")
        let header = lines[0].replacingOccurrences(of: #""version":2"#, with: #""version":1"#)
        try CraftedBundle.text(header: header, operations: Array(lines[1..<lines.count - 1]), headerChecked: false)
            .write(toFile: old, atomically: true, encoding: .utf8)
        let bob = try replica("bob")
        #expect(try bob.applyBundle(at: old).applied == 1)
        #expect(throws: SyncError.uncheckedHeader(old)) { try Replica.vector(ofBundleAt: old) }
        #expect(try Replica.vector(ofBundleAt: folder.file("alice.bundle")).seqs.count == 1)
    }
}
