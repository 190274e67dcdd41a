import IncidentCore
import IncidentStore

/// Several in-memory replicas that record concurrently and exchange ops in random
/// orders, batches and repetitions: the harness of the merge property tests.
public struct SimulatedTeam {
    public private(set) var replicas: [Replica]
    public private(set) var incidents: [IncidentID] = []
    public let clock = ManualClock()
    private var random: SeededGenerator
    private var counter = 0

    /// Lines that several replicas may import, so derived entry ids meet.
    private static let sharedScratchpad = ["14:01 alert fired", "14:03 api 5xx at 40%", "14:04 rolled back", "x 14:05"]

    /// Makes `size` replicas (clocks skewed by up to ±5 minutes) and one or two
    /// incidents, known to every replica.
    public init(seed: UInt64, size: Int) throws {
        random = SeededGenerator(seed: seed)
        replicas = []
        for index in 0..<size {
            let skew = Int64.random(in: -300_000...300_000, using: &random)
            let replica = try Replica.inMemory(now: clock.source(skew: skew))
            try replica.initialize(name: "maintainer\(index)")
            replicas.append(replica)
        }
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            let severity = Severity(rawValue: Int.random(in: 1...3, using: &random))!
            incidents.append(try replicas[0].createIncident(title: "incident", severity: severity))
        }
        try exchangeEverything()
    }

    /// One random write on one random replica: a status, severity or title set, entries
    /// logged, an entry edited or redacted, the shared scratchpad imported, or (one time
    /// in three) a write to the runbook's lists (`recordInLists`).
    public mutating func recordSomething() throws {
        clock.advance(by: Int64.random(in: 0...120_000, using: &random))
        let replica = replicas.randomElement(using: &random)!
        let incident = incidents.randomElement(using: &random)!
        counter += 1
        if Int.random(in: 0..<3, using: &random) == 0 {
            try recordInLists(on: replica, incident: incident)
            return
        }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<20:
            let status = IncidentStatus.allCases.randomElement(using: &random)!
            try replica.setStatus(status, summary: "summary \(counter)", of: incident)
        case 20..<32:
            try replica.set(.severity, to: String(Int.random(in: 1...3, using: &random)), of: incident)
        case 32..<44:
            try replica.set(.title, to: "title \(counter)", of: incident)
        case 44..<50:
            try replica.set(.lead, to: "lead \(counter % 3)", of: incident)
        case 50..<70:
            let at = clock.now() - Int64.random(in: 0...3_600_000, using: &random)
            let count = Int.random(in: 1...3, using: &random)
            try replica.log(
                (0..<count).map { NewEntry(at: at, kind: .event, text: "entry \(counter).\($0)") }, to: incident)
        case 70..<85:
            if let entry = try replica.incident(incident).timeline?.randomElement(using: &random) {
                try replica.editEntry(entry.id, text: "edited \(counter)", of: incident)
            }
        case 85..<92:
            if let entry = try replica.incident(incident).timeline?.randomElement(using: &random) {
                try replica.redactEntry(entry.id, of: incident)
            }
        default:
            let lines = Self.sharedScratchpad.filter { _ in Bool.random(using: &random) }
            try replica.importScratchpad(lines.joined(separator: "\n"), into: incident, in: LocalTime(timeZone: .gmt))
        }
    }

    /// One random write to the notes (a line added at a random place, removed, promoted,
    /// or the notes edited as a whole), an alarm, a link, an action item or the postmortem.
    public mutating func recordInLists(on replica: Replica, incident: IncidentID) throws {
        let notes = try replica.notes(of: incident)
        let lists = try replica.incident(incident)
        func pick(_ count: Int) -> Int? { count == 0 ? nil : Int.random(in: 1...count, using: &random) }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<25:
            try replica.addNote("note \(counter)", after: Int.random(in: 0...notes.count, using: &random), to: incident)
        case 25..<35:
            if let line = pick(notes.count) { try replica.removeNote(line, of: incident) }
        case 35..<45:
            if let line = pick(notes.count) { _ = try? replica.promoteNote(line, of: incident) }
        case 45..<60:
            var texts = notes.map(\.text)
            if let line = pick(texts.count) { texts[line - 1] = "rewritten \(counter)" }
            if Bool.random(using: &random) {
                texts.insert("typed \(counter)", at: Int.random(in: 0...texts.count, using: &random))
            }
            if let line = pick(texts.count), Bool.random(using: &random) { texts.remove(at: line - 1) }
            try replica.editNotes(of: incident, to: texts)
        case 60..<70:
            let until = Bool.random(using: &random) ? clock.now() + 3_600_000 : nil
            try replica.setAlarm(
                "alarm-\(counter % 3)", silenced: Bool.random(using: &random), until: until, of: incident)
        case 70..<78:
            if let link = pick(lists.links.count), Bool.random(using: &random) {
                try replica.removeLink(link, of: incident)
            } else {
                try replica.addLink(
                    "https://example.org/\(counter)", kind: LinkKind.allCases.randomElement(using: &random)!,
                    to: incident)
            }
        case 78..<90:
            if let action = pick(lists.actions.count) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0: try replica.setActionDone(action, done: Bool.random(using: &random), of: incident)
                case 1: try replica.setActionOwner(action, to: "owner \(counter % 2)", of: incident)
                default: try replica.removeAction(action, of: incident)
                }
            } else {
                try replica.addAction("action \(counter)", owner: nil, to: incident)
            }
        default:
            let field = [IncidentField.summary, .why1, .why2, .why5].randomElement(using: &random)!
            try replica.set(field, to: "\(field.rawValue) \(counter)", of: incident)
        }
    }

    /// Sends a random part of one replica's ops to another, shuffled, some twice, in batches.
    public mutating func syncSomePair() throws {
        let from = replicas.randomElement(using: &random)!
        let to = replicas.randomElement(using: &random)!
        let part = try from.allOperations().filter { _ in Int.random(in: 0..<3, using: &random) > 0 }
        try deliver(part, to: to)
    }

    /// Every replica receives every op, shuffled, with repeats, in random batches.
    public mutating func exchangeEverything() throws {
        var all: [Operation] = []
        for replica in replicas { all += try replica.allOperations() }
        for replica in replicas { try deliver(all, to: replica) }
    }

    private mutating func deliver(_ operations: [Operation], to replica: Replica) throws {
        var shuffled = operations + operations.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
        shuffled.shuffle(using: &random)
        while !shuffled.isEmpty {
            let batch = min(shuffled.count, Int.random(in: 1...max(1, shuffled.count / 2 + 1), using: &random))
            try replica.apply(Array(shuffled.prefix(batch)))
            shuffled.removeFirst(batch)
        }
    }
}
