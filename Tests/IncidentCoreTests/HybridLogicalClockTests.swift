import IncidentCore
import IncidentTestSupport
import Testing

@Suite struct HybridLogicalClockTests {
    let replica = ReplicaID.random()

    @Test func followsTheWallClockWhileItMovesForward() throws {
        var clock = HybridLogicalClock(replica: replica)
        #expect(try clock.tick(wall: 1000) == HybridTimestamp(wall: 1000, counter: 0, replica: replica))
        #expect(try clock.tick(wall: 2000) == HybridTimestamp(wall: 2000, counter: 0, replica: replica))
    }

    @Test func keepsOrderWhenTheWallClockJumpsBack() throws {
        var clock = HybridLogicalClock(replica: replica)
        let before = try clock.tick(wall: 10_000)
        let after = try clock.tick(wall: 5_000)
        #expect(after > before)
        #expect(after == HybridTimestamp(wall: 10_000, counter: 1, replica: replica))
    }

    @Test func ticksAfterARemoteClockFarAhead() throws {
        var clock = HybridLogicalClock(replica: replica)
        let remote = HybridTimestamp(wall: 9_000_000_000_000, counter: 7, replica: .random())
        clock.observe(remote)
        let next = try clock.tick(wall: 1000)
        #expect(next > remote)
        #expect(next.replica == replica)
    }

    @Test("the text form sorts like the clock", arguments: 0..<20)
    func textOrderIsClockOrder(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let replicas = (0..<3).map { _ in ReplicaID.random() }
        let stamps = (0..<50).map { _ in
            HybridTimestamp(
                wall: Int64.random(in: 0...(1 << 44), using: &random),
                counter: UInt32.random(in: 0...3, using: &random),
                replica: replicas.randomElement(using: &random)!)
        }
        #expect(stamps.sorted().map(\.description) == stamps.map(\.description).sorted())
        for stamp in stamps { #expect(HybridTimestamp(stamp.description) == stamp) }
    }
}
