import Foundation
import IncidentCore
import IncidentTestSupport
import Testing

/// `Incident.writeJSON` and `writeListingJSON`, written by hand for speed, against the `Encodable` form
/// through `JSONEncoder`, on random incidents with awkward text: the same bytes, but that DEL and the C1
/// controls, which JSONEncoder writes raw, are escaped so that none reaches a terminal.
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
        var incident = Incident(
            id: .random(), title: text(&random), severity: Severity(rawValue: Int.random(in: 1...3, using: &random))!,
            status: IncidentStatus.allCases.randomElement(using: &random)!,
            lead: Bool.random(using: &random) ? text(&random) : nil,
            mitigation: Bool.random(using: &random) ? text(&random) : nil,
            solution: Bool.random(using: &random) ? text(&random) : nil,
            startedAt: Int64.random(in: 0...4_000_000_000_000, using: &random), reportedBy: text(&random),
            conflicts: conflicts, timeline: Bool.random(using: &random) ? timeline : nil)
        func clock() -> HybridTimestamp {
            HybridTimestamp(wall: Int64.random(in: 0...4_000_000_000_000, using: &random), counter: 0, replica: replica)
        }
        func count() -> Int { Int.random(in: 0...3, using: &random) }
        if incident.timeline != nil {
            incident.notes = (0..<count()).map { _ in
                NoteLine(id: .random(), after: nil, inserted: clock(), author: text(&random), text: text(&random))
            }
            incident.people = (0..<count()).map { _ in text(&random) }
        }
        incident.links = (0..<count()).map { _ in
            Link(
                id: .random(), url: text(&random), kind: LinkKind.allCases.randomElement(using: &random)!,
                author: text(&random), added: clock())
        }
        incident.actions = (0..<count()).map { _ in
            ActionItem(
                id: .random(), text: text(&random), owner: Bool.random(using: &random) ? text(&random) : "",
                done: Bool.random(using: &random), author: text(&random), added: clock())
        }
        incident.alarms = (0..<count()).map { _ in
            Alarm(
                name: text(&random), silenced: Bool.random(using: &random),
                until: Bool.random(using: &random) ? clock().wall : nil, author: text(&random))
        }
        incident.postmortem = Postmortem(
            summary: Bool.random(using: &random) ? text(&random) : nil,
            whys: (0..<Postmortem.whyCount).map { _ in Bool.random(using: &random) ? text(&random) : nil })
        return incident
    }

    @Test("hand-written JSON is JSONEncoder's, byte for byte", arguments: 0..<200)
    func jsonBytesMatchFoundation(seed: UInt64) throws {
        let incident = Self.incident(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = Self.escapingDELAndC1(String(decoding: try encoder.encode(incident), as: UTF8.self))
        var written: [UInt8] = []
        if let timeline = incident.timeline {
            incident.writeJSON(to: { written += $0 }, timeline: { entry in timeline.forEach(entry) })
        } else {
            incident.writeListingJSON { written += $0 }
        }
        #expect(String(decoding: written, as: UTF8.self) == expected, "seed \(seed)")
    }

    private static func escapingDELAndC1(_ json: String) -> String {
        var escaped = ""
        for scalar in json.unicodeScalars {
            if scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                escaped += "\\u00" + String(scalar.value, radix: 16)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    @Test func noControlCharacterIsLeftRawInOutputJSON() throws {
        var incident = Self.incident(seed: 1)
        incident.title = "\u{1B}]0;owned\u{07}\u{7F}\u{9B}2J\r"
        incident.timeline = nil
        var written: [UInt8] = []
        incident.writeListingJSON { written += $0 }
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains(#""title":"\u001b]0;owned\u0007\u007f\u009b2J\r""#))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        let decoded = try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any]
        #expect(decoded?["title"] as? String == incident.title, "still the same text once parsed")
    }

    @Test func peerTextIsShownWithItsControlCharactersVisible() {
        #expect("plain text, ünïcödé – fine".visibleOnTerminal == "plain text, ünïcödé – fine")
        #expect("\u{1B}]0;owned\u{07}".visibleOnTerminal == "^[]0;owned^G")
        #expect("a\rb\u{1B}[2Jc\u{0}\u{7F}".visibleOnTerminal == "a^Mb^[[2Jc^@^?")
        #expect("\u{9B}2J".visibleOnTerminal == "\\u{9B}2J")
        #expect("abc\u{202E}fed".visibleOnTerminal == "abc\\u{202E}fed")
    }
}
