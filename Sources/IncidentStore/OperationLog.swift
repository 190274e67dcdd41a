import GRDB
import IncidentCore

/// Where an op sits in `log`: its replica's key and its seq.
struct LogKey: Hashable {
    var replica: Int64
    var seq: Int64
}

/// The append-only operation log inside one transaction: ops held (`log`, with the
/// `timeline` rows that are the bodies of `entry.add` ops), ops waiting for a gap
/// to fill (`pending`), the version vector and the clock.
struct OperationLog {
    let db: Database
    let keys: Keys
    /// The signed chains, extended by each op appended (`save()` writes them).
    let chains: ReplicaChains
    private let appends: AppendStatements

    init(db: Database, keys: Keys) {
        self.db = db
        self.keys = keys
        chains = ReplicaChains(db: db)
        appends = AppendStatements(db: db)
    }

    /// The highest contiguous seq held of `replica` (0 when none).
    ///
    /// - Complexity: one seek: `log` holds each replica's ops 1...n with no gap.
    func heldSeq(of replica: ReplicaID) throws -> Int64 {
        guard let key = try keys.existingReplica(replica) else { return 0 }
        return try heldSeq(ofKey: key)
    }

    /// The same, of the replica keyed `key`.
    func heldSeq(ofKey key: Int64) throws -> Int64 {
        let statement = try SQLiteStatement(db, "SELECT max(seq) FROM log WHERE replica = ?").bind(key)
        defer { statement.finish() }
        return try statement.next() ? statement.int64(0) : 0
    }

    /// Every replica's highest contiguous seq held.
    func versionVector() throws -> VersionVector {
        var vector = VersionVector()
        for (id, key) in try keys.allReplicas() {
            vector[id] = try heldSeq(ofKey: key)
        }
        return vector
    }

    /// The greatest clock value in the log: the state of this replica's clock.
    func latestTimestamp() throws -> HybridTimestamp? {
        let statement = try SQLiteStatement(db, "SELECT wall, counter, replica FROM clock")
        guard try statement.next() else { return nil }
        defer { statement.finish() }
        guard let replica = ReplicaID(bytes: statement.bytes(2)) else { throw Keys.unreadable }
        return HybridTimestamp(
            wall: statement.int64(0), counter: UInt32(clamping: statement.int64(1)), replica: replica)
    }

    /// Keeps `timestamp` as the clock's state if it is the greatest yet.
    func advanceClock(to timestamp: HybridTimestamp) throws {
        if let latest = try latestTimestamp(), latest >= timestamp { return }
        try SQLiteStatement(db, "INSERT OR REPLACE INTO clock (singleton, wall, counter, replica) VALUES (1, ?, ?, ?)")
            .bind(timestamp.wall, Int64(timestamp.counter), timestamp.replica.bytes).run()
    }

    /// The clock value of the op held under `id`, if held.
    func timestamp(of id: OperationID) throws -> HybridTimestamp? {
        guard let key = try keys.existingReplica(id.replica) else { return nil }
        let statement = try SQLiteStatement(db, "SELECT wall, counter FROM log WHERE replica = ? AND seq = ?")
            .bind(key, id.seq)
        guard try statement.next() else { return nil }
        defer { statement.finish() }
        return HybridTimestamp(
            wall: statement.int64(0), counter: UInt32(clamping: statement.int64(1)), replica: id.replica)
    }

    /// Whether entry `entry` of the incident keyed `incident` was redacted.
    func isRedacted(_ entry: [UInt8], of incident: Int64) throws -> Bool {
        let statement = try SQLiteStatement(db, "SELECT 1 FROM redactions WHERE incident = ? AND entry = ?")
            .bind(incident, entry)
        defer { statement.finish() }
        return try statement.next()
    }

    /// What `append` did.
    struct Appended {
        /// The op as stored (its text blank when its entry is redacted).
        var operation: Operation
        var key: LogKey
        /// For an `entry.add` of an entry that already had a timeline row: where the
        /// add that held the row sits.
        var earlierAdd: LogKey?
    }

    /// Appends the next op of its replica, blanking its text if the entry is redacted;
    /// an `entry.add` also gets its timeline row, which holds its body, unless its entry
    /// has one already: then the add with the earliest clock holds the row.
    ///
    /// - Parameter anyRedaction: `false` when the replica holds no redaction at all,
    ///   which spares a look-up per op.
    /// Its replica's chain is extended by it, and its seal checked (`ReplicaChains`).
    ///
    /// - Precondition: `operation.id.seq` is the held seq of its replica plus one.
    func append(_ operation: Operation, anyRedaction: Bool = true) throws -> Appended {
        var stored = operation
        let incident = try keys.incident(operation.incident)
        let key = LogKey(replica: try keys.replica(operation.id.replica), seq: operation.id.seq)
        try chains.extend(with: operation, ofKey: key.replica, log: self)
        if anyRedaction, let target = operation.payload.redactionTarget, try isRedacted(target, of: incident) {
            stored = Self.blanked(operation)
        }
        if let hash = stored.blankedText { try keepBlankedText(hash, at: key) }
        let author = try keys.author(operation.author)
        let wall = stored.hlc.wall
        let counter = Int64(stored.hlc.counter)
        let kind = StoredCodes.code(of: stored.kind)
        let seal = stored.seal.map(Self.storedSeal)
        if case .addEntry(let body) = stored.payload {
            try appends.add().bind(key.replica, key.seq, wall, counter, incident, kind, author, body.at, seal).run()
            try appends.timeline().bind(
                incident, body.at, wall, counter, key.replica, key.seq, body.entry.bytes,
                StoredCodes.code(of: body.kind),
                author, body.text
            ).run()
            if db.changesCount == 0 {
                let earlier = try placeSecondAdd(stored, at: key, of: incident)
                return Appended(operation: stored, key: key, earlierAdd: earlier)
            }
        } else {
            try appends.other().bind(
                key.replica, key.seq, wall, counter, incident, kind, author, OperationCoding.encodeBody(stored.payload),
                seal
            )
            .run()
        }
        return Appended(operation: stored, key: key, earlierAdd: nil)
    }

    /// Places a second add of an entry that has a timeline row: the add with the
    /// earliest clock holds the row, the other keeps its body in its `log` row.
    /// Returns where the add that held the row before sits.
    private func placeSecondAdd(_ operation: Operation, at key: LogKey, of incident: Int64) throws -> LogKey {
        guard case .addEntry(let body) = operation.payload else { return key }
        let entry = body.entry.bytes
        let row = try SQLiteStatement(
            db, "SELECT replica, seq, wall, counter FROM timeline WHERE incident = ? AND entry = ?"
        )
        .bind(incident, entry)
        guard try row.next() else {
            throw CoreError.malformedOperation("the timeline row of an added entry is missing")
        }
        let holder = LogKey(replica: row.int64(0), seq: row.int64(1))
        let holderClock = HybridTimestamp(
            wall: row.int64(2), counter: UInt32(clamping: row.int64(3)), replica: try keys.replicaID(holder.replica))
        row.finish()
        guard operation.hlc < holderClock, let holding = try self.operation(at: holder) else {
            try keepBody(of: operation, at: key)
            return holder
        }
        try keepBody(of: holding, at: holder)
        try SQLiteStatement(db, "DELETE FROM timeline WHERE incident = ? AND entry = ?").bind(incident, entry).run()
        try appends.timeline().bind(
            incident, body.at, operation.hlc.wall, Int64(operation.hlc.counter), key.replica, key.seq, entry,
            StoredCodes.code(of: body.kind), try keys.author(operation.author), body.text
        ).run()
        return holder
    }

    /// Keeps `operation`'s body in its `log` row (an add whose timeline row no longer
    /// holds it: a second add, or an add whose entry was moved).
    func keepBody(of operation: Operation, at key: LogKey) throws {
        try SQLiteStatement(db, "UPDATE log SET body = ? WHERE replica = ? AND seq = ?")
            .bind(OperationCoding.encodeBody(operation.payload), key.replica, key.seq).run()
    }

    /// `operation` with its redactable text blanked, and the text's hash kept in its place
    /// for its chain (`Operation.blankedText`).
    static func blanked(_ operation: Operation) -> Operation {
        var blanked = operation
        if operation.blankedText == nil, let text = operation.payload.redactableText, !text.isEmpty {
            blanked.blankedText = OperationChain.textHash(of: operation)
        }
        blanked.payload = operation.payload.redacted()
        return blanked
    }

    /// Keeps the hash of the text a redaction blanked in the op at `key`.
    func keepBlankedText(_ hash: [UInt8], at key: LogKey) throws {
        try SQLiteStatement(db, "INSERT OR IGNORE INTO blanked_texts (replica, seq, hash) VALUES (?, ?, ?)")
            .bind(key.replica, key.seq, hash).run()
    }

    /// Keeps an op that arrived before earlier ops of its replica (its text blank if its
    /// entry is redacted already).
    func hold(_ operation: Operation) throws {
        var stored = operation
        if let target = operation.payload.redactionTarget, let incident = try keys.existingIncident(operation.incident),
            try isRedacted(target, of: incident)
        {
            stored = Self.blanked(operation)
        }
        try SQLiteStatement(db, "INSERT OR IGNORE INTO pending (replica, seq, operation) VALUES (?, ?, ?)")
            .bind(try keys.replica(operation.id.replica), operation.id.seq, Array(OperationCoding.encode(stored)))
            .run()
    }

    /// Blanks the text of the waiting ops about entry or item `target` of `incident`, as
    /// a redaction of it requires: a waiting op may wait for ever.
    func blankPending(_ target: [UInt8], of incident: Int64) throws {
        let select = try SQLiteStatement(db, "SELECT replica, seq, operation FROM pending")
        var blanked: [(replica: Int64, seq: Int64, operation: Operation)] = []
        while try select.next() {
            let operation = try OperationCoding.decode(select.bytes(2))
            guard operation.payload.redactionTarget == target,
                try keys.existingIncident(operation.incident) == incident,
                operation.payload.redacted() != operation.payload
            else { continue }
            blanked.append((select.int64(0), select.int64(1), operation))
        }
        for (replica, seq, operation) in blanked {
            try SQLiteStatement(db, "UPDATE pending SET operation = ? WHERE replica = ? AND seq = ?")
                .bind(Array(OperationCoding.encode(Self.blanked(operation))), replica, seq).run()
        }
    }

    /// Whether any op waits for a gap to fill.
    func anyPending() throws -> Bool {
        let statement = try SQLiteStatement(db, "SELECT 1 FROM pending LIMIT 1")
        defer { statement.finish() }
        return try statement.next()
    }

    /// Whether any op of the replica keyed `replica` waits in `pending`.
    func anyPending(ofKey replica: Int64) throws -> Bool {
        let statement = try SQLiteStatement(db, "SELECT 1 FROM pending WHERE replica = ? LIMIT 1").bind(replica)
        defer { statement.finish() }
        return try statement.next()
    }

    /// How many ops wait for a gap to fill.
    func pendingCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM pending") ?? 0
    }

    /// Takes out of the pending table the ops that wait for no earlier op: those that an
    /// earlier version held for the clock (the next seq of their replica).
    func takeNextInLine() throws -> [Operation] {
        let select = try SQLiteStatement(
            db,
            """
            SELECT replica, seq, operation FROM pending
            WHERE seq = 1 + coalesce((SELECT max(seq) FROM log WHERE log.replica = pending.replica), 0)
            """)
        var taken: [(replica: Int64, seq: Int64, operation: Operation)] = []
        while try select.next() {
            taken.append((select.int64(0), select.int64(1), try OperationCoding.decode(select.bytes(2))))
        }
        for (replica, seq, _) in taken {
            try SQLiteStatement(db, "DELETE FROM pending WHERE replica = ? AND seq = ?").bind(replica, seq).run()
        }
        return taken.map(\.operation)
    }

    /// The held ops that wait for nothing earlier: each replica's run of seqs straight after
    /// the last it holds in the log (what waits for the team's roster, not for a gap); only
    /// the run of the replica keyed `replica`, if given.
    func waitingInLine(ofKey replica: Int64? = nil) throws -> [Operation] {
        let select = try SQLiteStatement(
            db,
            """
            SELECT pending.replica, pending.seq, pending.operation,
                coalesce((SELECT max(seq) FROM log WHERE log.replica = pending.replica), 0)
            FROM pending WHERE ?1 IS NULL OR pending.replica = ?1 ORDER BY pending.replica, pending.seq
            """
        ).bind(replica)
        var waiting: [Operation] = []
        var next: (replica: Int64, seq: Int64)?
        while try select.next() {
            let (replica, seq) = (select.int64(0), select.int64(1))
            let expected = next?.replica == replica ? next!.seq : select.int64(3) + 1
            guard seq == expected else { continue }
            waiting.append(try OperationCoding.decode(select.bytes(2)))
            next = (replica, seq + 1)
        }
        return waiting
    }

    /// Takes the held op that follows `id` out of the pending table, if it is there.
    func takePending(after id: OperationID) throws -> Operation? {
        guard let replica = try keys.existingReplica(id.replica) else { return nil }
        let select = try SQLiteStatement(db, "SELECT operation FROM pending WHERE replica = ? AND seq = ?")
            .bind(replica, id.seq + 1)
        guard try select.next() else { return nil }
        let encoded = select.bytes(0)
        select.finish()
        try SQLiteStatement(db, "DELETE FROM pending WHERE replica = ? AND seq = ?").bind(replica, id.seq + 1).run()
        return try OperationCoding.decode(encoded)
    }

    /// The op held at `key`, as stored now (redacted text blanked), or `nil`.
    func operation(at key: LogKey) throws -> Operation? {
        var found: Operation?
        try forEachOperation(ofKey: key.replica, after: key.seq - 1, through: key.seq) { found = $0 }
        return found
    }

    /// Calls `body` with every op held of the replica keyed `replica` with a seq above
    /// `seq` and at most `last`, in seq order.
    ///
    /// - Complexity: one range of `log`, and one seek into `timeline` per `entry.add`.
    func forEachOperation(
        ofKey replica: Int64, after seq: Int64, through last: Int64 = .max, _ body: (Operation) throws -> Void
    ) throws {
        let replicaID = try keys.replicaID(replica)
        let statement = try SQLiteStatement(
            db,
            """
            SELECT l.seq, l.wall, l.counter, l.incident, l.kind, l.author, l.body, t.entry, t.kind, t.text, l.at, l.seal
            FROM log l LEFT JOIN timeline t ON l.body IS NULL AND t.incident = l.incident AND t.at = l.at
                AND t.wall = l.wall AND t.counter = l.counter AND t.replica = l.replica AND t.seq = l.seq
            WHERE l.replica = ? AND l.seq > ? AND l.seq <= ? ORDER BY l.seq
            """
        ).bind(replica, seq, last)
        while try statement.next() {
            let kind = try StoredCodes.operationKind(statement.int64(4))
            let payload: Payload
            if statement.isNull(6) {
                guard kind == .addEntry, !statement.isNull(7), let entry = EntryID(bytes: statement.bytes(7)) else {
                    statement.finish()
                    throw CoreError.malformedOperation("an op in the log has no body")
                }
                payload = .addEntry(
                    AddEntry(
                        entry: entry, at: statement.int64(10), kind: try StoredCodes.entryKind(statement.int64(8)),
                        text: statement.text(9)))
            } else {
                payload = try OperationCoding.decodeBody(statement.text(6), kind: kind)
            }
            var operation = Operation(
                id: OperationID(replica: replicaID, seq: statement.int64(0)),
                hlc: HybridTimestamp(
                    wall: statement.int64(1), counter: UInt32(clamping: statement.int64(2)), replica: replicaID),
                author: try keys.authorName(statement.int64(5)), incident: try keys.incidentID(statement.int64(3)),
                payload: payload)
            // Both are rare (a seal a run, a redaction now and then): looked up only then.
            if !statement.isNull(11), let chain = try chains.chain(of: replica) {
                let stored = statement.bytes(11)
                operation.seal = Seal(
                    chainStart: chain.start, publicKey: chain.publicKey, head: Array(stored.prefix(32)),
                    signature: Array(stored.dropFirst(32)))
            }
            if payload.redactableText?.isEmpty == true {
                operation.blankedText = try blankedText(at: operation.id.seq, of: replica)
            }
            do {
                try body(operation)
            } catch {
                statement.finish()
                throw error
            }
        }
    }

    /// The hash of the text a redaction blanked in the op at `seq` of the replica keyed
    /// `replica`, if one did.
    private func blankedText(at seq: Int64, of replica: Int64) throws -> [UInt8]? {
        let statement = try SQLiteStatement(db, "SELECT hash FROM blanked_texts WHERE replica = ? AND seq = ?")
            .bind(replica, seq)
        defer { statement.finish() }
        return try statement.next() ? statement.bytes(0) : nil
    }

    /// Every op held, in log order (replica id, then seq).
    func allOperations() throws -> [Operation] {
        var operations: [Operation] = []
        for (_, key) in try keys.allReplicas() {
            try forEachOperation(ofKey: key, after: 0) { operations.append($0) }
        }
        return operations
    }

    /// Rewrites the body kept in the `log` row at `key` (an edit's, a second add's, an
    /// item's write of its text) with its text blanked; an add whose body is its timeline
    /// row is left as it is.
    ///
    /// Either way the text's hash is kept (`keepBlankedText`), for the op's chain: call it
    /// before the timeline row's text is blanked.
    func blankBody(at key: LogKey) throws {
        guard let operation = try operation(at: key), operation.payload.redactionTarget != nil else { return }
        let blanked = Self.blanked(operation)
        if let hash = blanked.blankedText { try keepBlankedText(hash, at: key) }
        try SQLiteStatement(db, "UPDATE log SET body = ? WHERE replica = ? AND seq = ? AND body IS NOT NULL")
            .bind(OperationCoding.encodeBody(blanked.payload), key.replica, key.seq).run()
    }

    /// Sets the seal of the op at `key` (this replica's own, sealed as its run ends).
    func keepSeal(_ seal: Seal, at key: LogKey) throws {
        try SQLiteStatement(db, "UPDATE log SET seal = ? WHERE replica = ? AND seq = ?")
            .bind(Self.storedSeal(seal), key.replica, key.seq).run()
    }

    /// A seal as `log.seal` keeps it: the head, then the signature (its key and start are
    /// its replica's, in `chains`).
    private static func storedSeal(_ seal: Seal) -> [UInt8] {
        seal.head + seal.signature
    }
}

/// The statements that append an op, prepared once per `OperationLog`: finding them
/// in GRDB's statement cache hashes and compares their SQL, which cost as much as
/// running some of them.
private final class AppendStatements {
    let db: Database
    private var addStatement: SQLiteStatement?
    private var timelineStatement: SQLiteStatement?
    private var otherStatement: SQLiteStatement?

    init(db: Database) {
        self.db = db
    }

    /// The `log` row of an `entry.add`, whose body is its timeline row.
    func add() throws -> SQLiteStatement {
        try prepared(
            &addStatement,
            """
            INSERT INTO log (replica, seq, wall, counter, incident, kind, author, at, seal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// The timeline row of an `entry.add`; nothing when its entry has one (`changesCount` tells).
    func timeline() throws -> SQLiteStatement {
        try prepared(
            &timelineStatement,
            """
            INSERT OR IGNORE INTO timeline (incident, at, wall, counter, replica, seq, entry, kind, author, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// The `log` row of any other op, with its body.
    func other() throws -> SQLiteStatement {
        try prepared(
            &otherStatement,
            """
            INSERT INTO log (replica, seq, wall, counter, incident, kind, author, body, seal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    private func prepared(_ statement: inout SQLiteStatement?, _ sql: String) throws -> SQLiteStatement {
        if let statement { return statement }
        let made = try SQLiteStatement(db, sql)
        statement = made
        return made
    }
}
