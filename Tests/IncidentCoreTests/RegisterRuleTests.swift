import IncidentCore
import IncidentTestSupport
import Testing

/// The register rule as pure functions: heads, winner, conflict, and that adding writes
/// one at a time, in any order, gives the heads of folding them all at once.
@Suite struct RegisterRuleTests {
    private static let replicas = (0..<3).map { _ in ReplicaID.random() }

    private static func write(_ replica: Int, _ seq: Int64, wall: Int64, _ value: String) -> RegisterWrite {
        let id = replicas[replica]
        return RegisterWrite(
            operation: OperationID(replica: id, seq: seq), hlc: HybridTimestamp(wall: wall, counter: 0, replica: id),
            author: "m\(replica)", value: value)
    }

    @Test func aWriteThatNamesTheHeadReplacesIt() {
        let first = Self.write(0, 1, wall: 10, "a")
        let second = Self.write(1, 1, wall: 5, "b")
        let heads = RegisterHeads([first]).adding(second, overwriting: [first.operation], isOverwritten: false)
        #expect(heads.writes == [second])
        #expect(heads.winner?.value == "b", "the named write loses whatever its clock")
        #expect(!heads.isConflicted)
    }

    @Test func concurrentWritesAreAConflictWonByTheLaterClock() {
        let first = Self.write(0, 1, wall: 10, "a")
        let second = Self.write(1, 1, wall: 20, "b")
        let heads = RegisterHeads([first]).adding(second, overwriting: [], isOverwritten: false)
        #expect(heads.writes == [second, first])
        #expect(heads.isConflicted)
        let settled = heads.adding(Self.write(2, 1, wall: 1, "c"), overwriting: heads.operations, isOverwritten: false)
        #expect(settled.writes.map(\.value) == ["c"])
    }

    @Test func aWriteAlreadyNamedByALaterOneNeverBecomesAHead() {
        let late = Self.write(1, 1, wall: 20, "b")
        let early = Self.write(0, 1, wall: 10, "a")
        let heads = RegisterHeads([late]).adding(early, overwriting: [], isOverwritten: true)
        #expect(heads.writes == [late])
    }

    @Test func headsThatAgreeAreNoConflict() {
        let heads = RegisterHeads([Self.write(0, 1, wall: 1, "same"), Self.write(1, 1, wall: 2, "same")])
        #expect(heads.writes.count == 2)
        #expect(!heads.isConflicted)
    }

    @Test("adding writes in any order gives the heads of folding them", arguments: 0..<200)
    func addingInAnyOrderEqualsFolding(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var writes: [(write: RegisterWrite, overwrites: [OperationID])] = []
        var seqs = [Int64](repeating: 0, count: 3)
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let replica = Int.random(in: 0..<3, using: &random)
            seqs[replica] += 1
            let write = Self.write(
                replica, seqs[replica], wall: Int64.random(in: 0...50, using: &random),
                ["x", "y", "z"].randomElement(using: &random)!)
            // A write names a random part of the writes before it (what its author had seen).
            let seen = writes.map(\.write.operation).filter { _ in Bool.random(using: &random) }
            writes.append((write, seen))
        }
        let folded = RegisterHeads(folding: writes)
        var heads = RegisterHeads([])
        var named = Set<OperationID>()
        for (write, overwrites) in writes.shuffled(using: &random) {
            heads = heads.adding(write, overwriting: overwrites, isOverwritten: named.contains(write.operation))
            named.formUnion(overwrites)
        }
        #expect(heads == folded, "seed \(seed)")
    }

    @Test func idsRoundTripThroughBytesAndPrefixesBoundTheirRange() throws {
        let id = try #require(EntryID(rawValue: "00ff10a0b1c2d3e4f5a6b7c8d9e0f1ab"))
        #expect(id.bytes.count == 16)
        #expect(id.bytes.prefix(3) == [0x00, 0xff, 0x10])
        #expect(EntryID(bytes: id.bytes) == id)
        #expect(EntryID(bytes: [1, 2, 3]) == nil)
        #expect(HexDigits.range(ofPrefix: "00f") == ([0x00, 0xf0], [0x01]))
        #expect(HexDigits.range(ofPrefix: "ab12") == ([0xab, 0x12], [0xab, 0x13]))
        #expect(HexDigits.range(ofPrefix: "ff").upper == nil)
        #expect(HexDigits.range(ofPrefix: "1ff") == ([0x1f, 0xf0], [0x20]))
    }
}
