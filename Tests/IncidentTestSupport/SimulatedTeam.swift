import IncidentCore
import IncidentStore

/// Several in-memory replicas that record concurrently and exchange ops in random
/// orders, batches and repetitions: the harness of the merge property tests.
public struct SimulatedTeam {
    public private(set) var replicas: [Replica]
    public private(set) var incidents: [IncidentID] = []
    public let clock = ManualClock()
    /// How many ops arrived before earlier ops of their replica, and how many stamped over a
    /// day ahead of their receiver's clock: what the generator covers, for a test to check.
    public private(set) var arrivedEarly = 0
    public private(set) var aheadOfTheClock = 0
    /// How many ops were delivered to a replica that did not hold their incident yet.
    public private(set) var beforeTheirIncident = 0
    /// How many moves of an entry were delivered to a replica that did not hold the entry yet.
    public private(set) var movesBeforeTheirEntry = 0
    private var random: SeededGenerator
    private var counter = 0

    /// Lines that several replicas may import, so derived entry ids meet.
    private static let sharedScratchpad = ["14:01 alert fired", "14:03 api 5xx at 40%", "14:04 rolled back", "x 14:05"]

    /// How far ahead of the others a replica's clock runs when it is the one far ahead: past
    /// the day an op may lead a receiver's clock, so its ops wait until `settle()`.
    public static let farAhead: Int64 = 2 * 86_400_000

    /// Makes `size` replicas and one incident, known to every replica; more incidents are
    /// made later, on any replica (`recordSomething`). Clocks are skewed by minutes, hours or
    /// up to a day; in one team in four the last replica runs `farAhead`. Every id comes from
    /// the seed, so a failing seed replays exactly.
    public init(seed: UInt64, size: Int) throws {
        random = SeededGenerator(seed: seed)
        replicas = []
        let oneFarAhead = seed % 4 == 3
        for index in 0..<size {
            let bound: Int64 = [300_000, 3 * 3_600_000, 86_400_000].randomElement(using: &random)!
            var skew = Int64.random(in: -bound...bound, using: &random)
            if oneFarAhead, index == size - 1 { skew = Self.farAhead }
            let replica = try Replica.inMemory(
                now: clock.source(skew: skew), randomBits: .seeded(seed &* 7919 &+ UInt64(index)))
            try replica.initialize(name: "maintainer\(index)")
            replicas.append(replica)
        }
        let severity = Severity(rawValue: Int.random(in: 1...3, using: &random))!
        incidents.append(try replicas[0].createIncident(title: "incident", severity: severity))
        try exchangeEverything()
    }

    /// Lets time pass beyond every clock's lead, then exchanges everything: the ops that
    /// waited for the clock land, and every replica holds every op.
    public mutating func settle() throws {
        clock.advance(by: 2 * Self.farAhead)
        try exchangeEverything()
    }

    /// One random write on one random replica: a status, severity or title set, entries
    /// logged, an entry edited, moved or redacted, the shared scratchpad imported, or (one time
    /// in three) a write to the runbook's lists (`recordInLists`).
    public mutating func recordSomething() throws {
        clock.advance(by: Int64.random(in: 0...120_000, using: &random))
        let replica = replicas.randomElement(using: &random)!
        counter += 1
        // Writes go to incidents this replica holds; now and then it records a new one, which
        // others may hear of only after writes made to it elsewhere.
        let known = try replica.incidents(includeClosed: true).map(\.id).sorted()
        guard let incident = known.randomElement(using: &random), Int.random(in: 0..<25, using: &random) > 0 else {
            let severity = Severity(rawValue: Int.random(in: 1...3, using: &random))!
            incidents.append(try replica.createIncident(title: "incident \(counter)", severity: severity))
            return
        }
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
        case 70..<77:
            if let entry = try replica.incident(incident).timeline?.randomElement(using: &random) {
                try replica.editEntry(entry.id, text: "edited \(counter)", of: incident)
            }
        case 77..<85:
            // Now and then a second replica moves the same entry before hearing of the first
            // move; to one of a few times, so two moves now and then agree.
            if let entry = try replica.incident(incident).timeline?.randomElement(using: &random) {
                let movers = [replica] + (Bool.random(using: &random) ? [replicas.randomElement(using: &random)!] : [])
                for mover in movers where try mover.eventTime(of: entry.id, in: incident) != nil {
                    let at = clock.now() / 600_000 * 600_000 - 600_000 * Int64.random(in: 0...3, using: &random)
                    try mover.editEntry(entry.id, at: at, of: incident)
                }
            }
        case 85..<92:
            if let entry = try replica.incident(incident).timeline?.randomElement(using: &random) {
                try replica.redactEntry(entry.id, of: incident)
            }
        default:
            let lines = Self.sharedScratchpad.filter { _ in Bool.random(using: &random) }
            do {
                try replica.importScratchpad(
                    lines.joined(separator: "\n"), into: incident, in: LocalTime(timeZone: .gmt))
            } catch CoreError.atLine(_, .futureTime) {
                // A clock running behind sees these times as still to come: refused, nothing written.
            }
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
        case 25..<31:
            if let line = pick(notes.count) { try replica.removeNote(line, of: incident) }
        case 31..<35:
            let removed = Bool.random(using: &random)
            if let line = pick(try replica.notes(of: incident, removed: removed).count) {
                try replica.redactNote(line, removed: removed, of: incident)
            }
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
    ///
    /// The part is, for each replica whose ops `from` holds, a random run of them that ends
    /// where a seal covers it, as every transfer does: it may start past what the receiver
    /// holds (its ops then wait), or leave a replica out.
    public mutating func syncSomePair() throws {
        let from = replicas.randomElement(using: &random)!
        let to = replicas.randomElement(using: &random)!
        var part: [Operation] = []
        let byReplica = Dictionary(grouping: try from.allOperations(), by: \.id.replica)
        for (_, ops) in byReplica.sorted(by: { $0.key < $1.key }) {
            let sealed = ops.filter { $0.seal != nil }.map(\.id.seq)
            guard let end = sealed.randomElement(using: &random), Int.random(in: 0..<3, using: &random) > 0 else {
                continue
            }
            let start = Int64.random(in: 1...end, using: &random)
            part += ops.filter { (start...end).contains($0.id.seq) }
        }
        try deliver(part, to: to)
    }

    /// Every replica receives every op, shuffled, with repeats, in random batches.
    public mutating func exchangeEverything() throws {
        var all: [Operation] = []
        for replica in replicas { all += try replica.allOperations() }
        for replica in replicas { try deliver(all, to: replica) }
    }

    private mutating func deliver(_ operations: [Operation], to replica: Replica) throws {
        let held = Set(try replica.incidents(includeClosed: true).map(\.id))
        beforeTheirIncident += operations.filter { $0.kind != .createIncident && !held.contains($0.incident) }.count
        for operation in operations {
            guard case .moveEntry(let body) = operation.payload else { continue }
            if try replica.eventTime(of: body.entry, in: operation.incident) == nil { movesBeforeTheirEntry += 1 }
        }
        var shuffled = operations + operations.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
        shuffled.shuffle(using: &random)
        // One transfer, one transaction, as every sync path applies it; in random batches.
        var batches: [[Operation]] = []
        while !shuffled.isEmpty {
            let batch = min(shuffled.count, Int.random(in: 1...max(1, shuffled.count / 2 + 1), using: &random))
            batches.append(Array(shuffled.prefix(batch)))
            shuffled.removeFirst(batch)
        }
        let reports = try replica.applyInOneTransaction { apply in try batches.map { try apply($0, nil) } }
        for report in reports {
            arrivedEarly += report.deferred
            aheadOfTheClock += report.stampedAhead
        }
    }
}
