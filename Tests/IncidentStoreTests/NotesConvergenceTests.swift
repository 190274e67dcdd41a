import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// The shared notes as properties: 3-5 replicas write the same notes at once (inserts at
/// the same place, edits of a line another removes, whole-file edits, promotions), ops
/// cross in random orders, and once all is exchanged every replica shows the same lines
/// in the same order, none lost and none twice.
@Suite struct NotesConvergenceTests {
    @Test(
        "concurrent note edits converge with no line lost or duplicated", arguments: PropertySeeds.range(default: 100))
    func notesConverge(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed ^ 0x6e6f_7465)
        var team = try SimulatedTeam(seed: seed, size: 3 + Int(seed % 3))
        let incident = team.incidents[0]
        try team.replicas[0].addNote("first", to: incident)
        try team.exchangeEverything()
        for round in 0..<6 {
            // Everyone writes at once, several at the same place, before anything syncs.
            let place = Int.random(in: 0...1, using: &random)
            for (index, replica) in team.replicas.enumerated() {
                team.clock.advance(by: Int64.random(in: 0...30_000, using: &random))
                // A replica whose clock runs over a day behind holds the incident only once it settles.
                guard (try? replica.incidentWithoutTimeline(incident)) != nil else { continue }
                let lines = try replica.notes(of: incident)
                switch Int.random(in: 0..<5, using: &random) {
                case 0, 1:
                    try replica.addNote("r\(index) round \(round)", after: min(place, lines.count), to: incident)
                case 2:
                    if !lines.isEmpty {
                        var texts = lines.map(\.text)
                        texts[Int.random(in: 0..<texts.count, using: &random)] = "edited by r\(index) in \(round)"
                        try replica.editNotes(of: incident, to: texts)
                    }
                case 3:
                    if !lines.isEmpty {
                        try replica.removeNote(Int.random(in: 1...lines.count, using: &random), of: incident)
                    }
                default:
                    if !lines.isEmpty {
                        _ = try? replica.promoteNote(Int.random(in: 1...lines.count, using: &random), of: incident)
                    }
                }
            }
            if Bool.random(using: &random) { try team.syncSomePair() }
        }
        try team.settle()

        let reference = try team.replicas[0].notes(of: incident)
        let operations = try team.replicas[0].allOperations()
        var added: Set<ItemID> = []
        var removed: Set<ItemID> = []
        for operation in operations {
            if case .addItem(let body) = operation.payload { added.insert(body.item) }
            if case .removeItem(let body) = operation.payload { removed.insert(body.item) }
        }
        #expect(Set(reference.map(\.id)) == added.subtracting(removed), "seed \(seed): a line was lost or revived")
        #expect(Set(reference.map(\.id)).count == reference.count, "seed \(seed): a line shows twice")
        let promoted = try team.replicas[0].incident(incident).timeline!.filter { entry in
            operations.contains { op in
                if case .addItem(let body) = op.payload { return NoteLine.promotedEntryID(of: body.item) == entry.id }
                return false
            }
        }
        #expect(
            Set(promoted.map(\.id)).count == promoted.count, "seed \(seed): a promoted line is on the timeline twice")
        for (index, replica) in team.replicas.enumerated().dropFirst() {
            #expect(try replica.notes(of: incident) == reference, "seed \(seed): replica \(index) shows other notes")
            #expect(try replica.incident(incident) == team.replicas[0].incident(incident), "seed \(seed)")
        }
    }

    /// `notes edit` diffs against what the editor was given: a line that arrived from a
    /// peer while the editor was open stays.
    @Test func anEditLeavesLinesThatArrivedMeanwhile() throws {
        var team = try SimulatedTeam(seed: 1, size: 2)
        let (alice, bob) = (team.replicas[0], team.replicas[1])
        let incident = team.incidents[0]
        try alice.addNote("one", to: incident)
        try alice.addNote("two", to: incident)
        try team.exchangeEverything()
        let shown = try alice.notes(of: incident)  // what alice's editor opens on
        try bob.addNote("bob's, meanwhile", after: 1, to: incident)
        try alice.apply(bob.allOperations())
        let change = try alice.editNotes(of: incident, from: shown, to: ["one", "TWO"])
        #expect(change.edited == 1 && change.removed == 0 && change.inserted == 0)
        #expect(try alice.notes(of: incident).map(\.text) == ["one", "bob's, meanwhile", "TWO"])
    }
}
