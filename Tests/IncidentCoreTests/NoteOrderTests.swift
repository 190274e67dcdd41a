import IncidentCore
import IncidentTestSupport
import Testing

/// The order of note lines (`NoteOrder`), a pure function of the lines held.
@Suite struct NoteOrderTests {
    static let a = ReplicaID(rawValue: String(repeating: "a", count: 32))!
    static let b = ReplicaID(rawValue: String(repeating: "b", count: 32))!

    static func line(_ text: String, after: NoteLine?, at wall: Int64, on replica: ReplicaID = a) -> NoteLine {
        NoteLine(
            id: .derived(from: text), after: after?.id,
            inserted: HybridTimestamp(wall: wall, counter: 0, replica: replica),
            author: replica == a ? "alice" : "bob", text: text)
    }

    @Test func linesTypedOneAfterAnotherKeepTheirOrder() {
        let first = Self.line("first", after: nil, at: 1)
        let second = Self.line("second", after: first, at: 2)
        let third = Self.line("third", after: second, at: 3)
        #expect(NoteOrder.arrange([third, first, second]).map(\.text) == ["first", "second", "third"])
    }

    @Test func aLineInsertedAfterAnotherGoesRightBelowIt() {
        let first = Self.line("first", after: nil, at: 1)
        let second = Self.line("second", after: first, at: 2)
        let between = Self.line("between", after: first, at: 3)
        let top = Self.line("top", after: nil, at: 4)
        #expect(NoteOrder.arrange([first, second, between, top]).map(\.text) == ["top", "first", "between", "second"])
    }

    /// Two replicas insert at the same place at once: the later clock first, then the
    /// replica id breaks a tie; each replica's run of lines stays together.
    @Test func concurrentInsertsAtOnePlaceInterleaveByClockThenReplica() {
        let anchor = Self.line("anchor", after: nil, at: 1)
        let alice1 = Self.line("alice 1", after: anchor, at: 5, on: Self.a)
        let alice2 = Self.line("alice 2", after: alice1, at: 6, on: Self.a)
        let bob1 = Self.line("bob 1", after: anchor, at: 5, on: Self.b)
        let bob2 = Self.line("bob 2", after: bob1, at: 7, on: Self.b)
        let expected = ["anchor", "bob 1", "bob 2", "alice 1", "alice 2"]
        #expect(NoteOrder.arrange([anchor, alice1, alice2, bob1, bob2]).map(\.text) == expected)
        #expect(NoteOrder.arrange([bob2, alice2, bob1, anchor, alice1]).map(\.text) == expected)
    }

    @Test("the order does not depend on the order the lines are given in", arguments: 0..<50)
    func orderIsAFunctionOfTheSet(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var lines: [NoteLine] = []
        for index in 0..<30 {
            let after =
                lines.isEmpty || Int.random(in: 0..<5, using: &random) == 0 ? nil : lines.randomElement(using: &random)
            let replica = Bool.random(using: &random) ? Self.a : Self.b
            var line = Self.line(
                "line \(index)", after: after, at: Int64.random(in: 1...10, using: &random), on: replica)
            line.removed = Int.random(in: 0..<4, using: &random) == 0
            lines.append(line)
        }
        let arranged = NoteOrder.arrange(lines)
        #expect(Set(arranged.map(\.id)) == Set(lines.map(\.id)))
        #expect(arranged.count == lines.count)
        #expect(NoteOrder.arrange(lines.shuffled(using: &random)) == arranged)
        #expect(NoteOrder.visible(lines) == arranged.filter { !$0.removed })
        // A line comes after the line it names.
        let position = Dictionary(uniqueKeysWithValues: arranged.enumerated().map { ($1.id, $0) })
        for line in lines { if let after = line.after { #expect(position[after]! < position[line.id]!) } }
    }

    @Test func aRemovedLineKeepsItsPlaceForTheLinesAfterIt() {
        var first = Self.line("first", after: nil, at: 1)
        let second = Self.line("second", after: first, at: 2)
        let last = Self.line("last", after: nil, at: 0)
        first.removed = true
        #expect(NoteOrder.visible([first, second, last]).map(\.text) == ["second", "last"])
    }

    /// Lines whose place has not arrived, or that name each other in a ring (a hostile
    /// peer), are kept at the end in clock order rather than dropped.
    @Test func linesWithoutAPlaceAreKeptAtTheEnd() {
        let top = Self.line("top", after: nil, at: 1)
        let missing = Self.line("missing", after: nil, at: 2)
        let waiting = Self.line("waiting", after: missing, at: 3)
        var ringA = Self.line("ring a", after: nil, at: 5)
        var ringB = Self.line("ring b", after: ringA, at: 4)
        ringA.after = ringB.id
        ringB.after = ringA.id
        #expect(NoteOrder.arrange([ringA, waiting, top, ringB]).map(\.text) == ["top", "waiting", "ring b", "ring a"])
    }
}
