import IncidentCore
import IncidentTestSupport
import Testing

/// `LineDiff`: what `notes edit` records of a file the editor changed.
@Suite struct LineDiffTests {
    /// The new list, rebuilt from the diff and the old list.
    private static func rebuilt(_ old: [String], _ lines: [LineDiff.Line]) -> [String] {
        lines.map { line in
            switch line {
            case .kept(let index): return old[index]
            case .edited(_, let text), .inserted(let text): return text
            }
        }
    }

    @Test func aChangedLineIsAnEditAndTheRestIsKept() {
        let old = ["alert fired", "api 5xx at 40%", "rolled back"]
        let new = ["alert fired", "api 5xx at 60%", "rolled back", "error rate normal"]
        let diff = LineDiff.lines(from: old, to: new)
        #expect(diff.lines == [.kept(0), .edited(1, "api 5xx at 60%"), .kept(2), .inserted("error rate normal")])
        #expect(diff.removed.isEmpty)
    }

    @Test func unchangedNotesGiveNoChange() {
        let old = ["a", "b"]
        let diff = LineDiff.lines(from: old, to: old)
        #expect(diff.lines == [.kept(0), .kept(1)])
        #expect(diff.removed.isEmpty)
    }

    @Test("the diff rebuilds the new list; every old line is kept, edited or removed once", arguments: 0..<100)
    func diffRebuildsTheNewList(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let words = ["a", "b", "c", "d", "e"]
        let old = (0..<Int.random(in: 0...8, using: &random)).map { _ in words.randomElement(using: &random)! }
        let new = (0..<Int.random(in: 0...8, using: &random)).map { _ in words.randomElement(using: &random)! }
        let diff = LineDiff.lines(from: old, to: new)
        #expect(Self.rebuilt(old, diff.lines) == new)
        var touched: [Int] = diff.removed
        for line in diff.lines {
            switch line {
            case .kept(let index), .edited(let index, _): touched.append(index)
            case .inserted: break
            }
        }
        #expect(touched.sorted() == Array(0..<old.count))
    }
}
