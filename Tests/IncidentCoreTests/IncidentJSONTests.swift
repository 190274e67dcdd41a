import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

/// `Incident.writeJSON` and `writeListingJSON`, written by hand for speed, against the `Encodable` form
/// through `JSONEncoder`, on random incidents with awkward text: the same bytes.
@Suite struct IncidentJSONTests {
    private static func text(_ random: inout SeededGenerator) -> String {
        CanonicalCodecTests.randomText(&random)
    }

    private static func incident(seed: UInt64) -> Incident {
        var random = SeededGenerator(seed: seed)
        let replica = ReplicaID.random()
        func write() -> RegisterWrite {
            RegisterWrite(
                operation: OperationID(replica: replica, seq: Int64.random(in: 1...1000, using: &random)),
                hlc: HybridTimestamp(wall: 1, counter: 0, replica: replica), author: text(&random), value: text(&random)
            )
        }
        let conflicts = (0..<Int.random(in: 0...2, using: &random)).map { index in
            FieldConflict(
                field: index == 0 ? "severity" : "text", entry: index == 0 ? nil : EntryID.random(),
                candidates: [write(), write()])
        }
        let timeline = (0..<Int.random(in: 0...5, using: &random)).map { _ in
            TimelineEntry(
                id: .random(), at: Int64.random(in: -100_000_000_000...4_000_000_000_000, using: &random),
                author: text(&random), kind: Bool.random(using: &random) ? .event : .update, text: text(&random),
                redacted: Bool.random(using: &random))
        }
        return Incident(
            id: .random(), title: text(&random), severity: Severity(rawValue: Int.random(in: 1...3, using: &random))!,
            status: IncidentStatus.allCases.randomElement(using: &random)!,
            lead: Bool.random(using: &random) ? text(&random) : nil,
            mitigation: Bool.random(using: &random) ? text(&random) : nil,
            solution: Bool.random(using: &random) ? text(&random) : nil,
            startedAt: Int64.random(in: 0...4_000_000_000_000, using: &random), reportedBy: text(&random),
            conflicts: conflicts, timeline: Bool.random(using: &random) ? timeline : nil)
    }

    @Test("hand-written JSON is JSONEncoder's, byte for byte", arguments: 0..<200)
    func jsonBytesMatchFoundation(seed: UInt64) throws {
        let incident = Self.incident(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(incident)
        var written: [UInt8] = []
        if let timeline = incident.timeline {
            incident.writeJSON(to: { written += $0 }, timeline: { entry in timeline.forEach(entry) })
        } else {
            incident.writeListingJSON { written += $0 }
        }
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "seed \(seed)")
    }
}
