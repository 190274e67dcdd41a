import Foundation
import IncidentCore
import IncidentStore
import IncidentSync
import IncidentTestSupport
import Testing

@Suite struct BundleTests {
    /// A replica with one incident and `entries` timeline entries.
    func busyReplica(entries: Int) throws -> (Replica, IncidentID) {
        let replica = try Replica.named("alice")
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        try replica.log((0..<entries).map { NewEntry(at: 0, kind: .event, text: "line \($0)") }, to: id)
        return (replica, id)
    }

    @Test func aBundleCarriesEveryOpAndReportsProgressPerBatch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 4999)
        let path = folder.file("all.bundle")
        #expect(try alice.createBundle(at: path) == 5000)

        let bob = try Replica.named("bob")
        var reports: [(Int, Int)] = []
        let report = try bob.applyBundle(at: path) { reports.append(($0, $1)) }
        #expect(report.applied == 5000)
        #expect(reports.map(\.0) == [2000, 4000, 5000])
        #expect(reports.allSatisfy { $0.1 == 5000 })
        #expect(try bob.materializedState() == alice.materializedState())
    }

    @Test func sinceLeavesOutWhatThePeerHolds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, id) = try busyReplica(entries: 3)
        let peer = try alice.versionVector()
        try alice.log([NewEntry(at: 0, kind: .event, text: "new")], to: id)
        #expect(try alice.createBundle(at: folder.file("delta.bundle"), since: peer) == 1)
    }

    @Test("every cut of a bundle is refused whole", arguments: [1, 50, 200, 400])
    func truncatedBundlesChangeNothing(keep: Int) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 3)
        let path = folder.file("all.bundle")
        try alice.createBundle(at: path)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = folder.file("cut.bundle")
        try whole.prefix(min(keep, whole.count - 2)).write(to: URL(fileURLWithPath: cut))
        let bob = try Replica.named("bob")
        #expect(throws: SyncError.self) { try bob.applyBundle(at: cut) }
        #expect(try bob.allOperations().isEmpty)
    }

    /// Lines are decoded a batch ahead of the batch that applies (`BundleDecoder`): a bad
    /// line is still named by its place in the file, a cut-off one still reads as a cut.
    @Test(
        "a bad or cut-off line past the first batches is named as when read line by line",
        arguments: [(2999, false), (4000, false), (5000, true)])
    func aBadLineInALaterBatchIsNamedByItsPlace(op: Int, cutThere: Bool) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 4999)
        let path = folder.file("all.bundle")
        try alice.createBundle(at: path)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        if cutThere {
            lines = Array(lines.prefix(op)) + [String(lines[op].prefix(40))]
        } else {
            lines[op] = String(lines[op].prefix(40))
        }
        try (lines.joined(separator: "\n") + (cutThere ? "" : "\n")).write(
            toFile: path, atomically: true, encoding: .utf8)
        let bob = try Replica.named("bob")
        let expected =
            cutThere ? SyncError.truncatedBundle(path) : .corruptedBundle("op \(op) is not a valid operation")
        #expect(throws: expected) { try bob.applyBundle(at: path) }
        #expect(try bob.allOperations().isEmpty)
    }

    @Test("a bundle cut where a batch ends is refused whole", arguments: [2000, 4000])
    func aBundleCutAtABatchsEndIsTruncated(ops: Int) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 4999)
        let path = folder.file("all.bundle")
        try alice.createBundle(at: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(ops + 1).joined(separator: "\n") + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let bob = try Replica.named("bob")
        #expect(throws: SyncError.truncatedBundle(path)) { try bob.applyBundle(at: path) }
        #expect(try bob.allOperations().isEmpty)
    }

    @Test func aChangedByteFailsTheChecksum() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 3)
        let path = folder.file("all.bundle")
        try alice.createBundle(at: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "line 1", with: "line 9")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let bob = try Replica.named("bob")
        #expect(throws: SyncError.corruptedBundle("checksum mismatch")) { try bob.applyBundle(at: path) }
        #expect(try bob.allOperations().isEmpty)
    }

    @Test func aFileWithAHugeLineIsRefusedWithoutReadingItWhole() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (alice, _) = try busyReplica(entries: 1)
        let path = folder.file("huge.bundle")
        try alice.createBundle(at: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: FileLines.maximumLineLength + 1))
        try handle.close()
        let bob = try Replica.named("bob")
        #expect(throws: SyncError.self) { try bob.applyBundle(at: path) }
        #expect(try bob.allOperations().isEmpty)
    }

    @Test func progressCountsWhatThePeerLacks() {
        let a = ReplicaID.random()
        let b = ReplicaID.random()
        #expect(ProgressLine.expected(from: VersionVector([a: 10, b: 2]), into: VersionVector([a: 4, b: 5])) == 6)
    }
}
