import GRDB
import IncidentCore

/// A replica whose ops wait, kept, because the team's roster does not let them apply: a key
/// no member admitted, or a removed member's ops beyond its removal.
public struct WaitingReplica: Hashable, Sendable {
    public var replica: ReplicaID
    /// The fingerprint of the key it signs with, to compare and to admit: its id, unless it
    /// was made before keys.
    public var fingerprint: KeyFingerprint
    /// How many of its ops wait here.
    public var operations: Int
    /// The name its first waiting op claims (not a roster's name: it has none).
    public var claimedName: String
    /// Whether the roster names it as removed (else no member ever admitted it).
    public var removed: Bool
    /// Whether none of its ops here is signed: a replica not yet upgraded to keys, for which
    /// an admit vouches for its id (there is no key to check).
    public var unsigned: Bool
}

/// What a replica may apply under its team's roster (`TeamRoster`): every op while it
/// belongs to no team; once it does, its own, and the members' within their allowance.
struct TeamGate {
    let roster: TeamRoster?
    let own: ReplicaID?

    /// The local setting that names the team's founder, once this replica has one.
    static let founderKey = "team_founder"

    init(in db: Database) throws {
        guard let text = try LocalSettingRecord.value(forKey: Self.founderKey, in: db),
            let founder = ReplicaID(rawValue: text)
        else {
            (roster, own) = (nil, nil)  // every op applies: whose is this replica's own does not matter
            return
        }
        own = try Replica.identity(in: db)?.id
        roster = try Self.fold(founder: founder, in: db)
    }

    /// Whether the op `id` may apply here.
    func allows(_ id: OperationID) -> Bool {
        guard let roster, id.replica != own else { return true }
        return id.seq <= roster.allowance(of: id.replica)
    }

    /// The roster of the team `founder` founded, as the ops held fold.
    static func fold(founder: ReplicaID, in db: Database) throws -> TeamRoster {
        let held = try rosterInputs(in: db)
        return TeamRoster(founder: founder, operations: held.operations, keys: held.keys)
    }

    /// The roster ops held.
    static func rosterOperations(in db: Database) throws -> [Operation] {
        try rosterInputs(in: db).operations
    }

    /// What the roster folds.
    ///
    /// - The roster ops held: those in the log, and those that wait in line for the roster
    ///   (a removed or not yet admitted writer's). The fold decides which of them count; it
    ///   must see the waiting ones too, or two replicas that hold the same ops, one applied
    ///   and one waiting, would fold different rosters (two members removing each other).
    /// - The keys of replicas made before keys: the key each one's chain is bound to here,
    ///   or, for one whose ops all wait, the key of the first seal among them that verifies.
    ///   The seal of the first run such a replica writes after its upgrade is what binds its
    ///   old id to its key: the key's signature over that id.
    static func rosterInputs(in db: Database) throws -> (operations: [Operation], keys: [ReplicaID: KeyFingerprint]) {
        let keys = Keys(db: db)
        let log = OperationLog(db: db, keys: keys)
        let select = try SQLiteStatement(db, "SELECT replica, seq FROM roster_ops")
        var logKeys: [LogKey] = []
        while try select.next() { logKeys.append(LogKey(replica: select.int64(0), seq: select.int64(1))) }
        var operations = try logKeys.compactMap(log.operation(at:))
        var bound: [ReplicaID: KeyFingerprint] = [:]
        var signing: Set<ReplicaID> = []
        let chains = try SQLiteStatement(db, "SELECT replica, public_key FROM chains")
        while try chains.next() {
            let id = try keys.replicaID(chains.int64(0))
            let fingerprint = KeyFingerprint(publicKey: chains.bytes(1))
            signing.insert(id)
            if fingerprint.replicaID != id { bound[id] = fingerprint }
        }
        let anyPending = try log.anyPending()
        if anyPending {
            for waiting in try log.waitingInLine() {
                if waiting.payload.isRosterChange { operations.append(waiting) }
                let id = waiting.id.replica
                guard let seal = waiting.seal, bound[id] == nil, !signing.contains(id) else { continue }
                let fingerprint = KeyFingerprint(publicKey: seal.publicKey)
                if fingerprint.replicaID != id, OperationChain.verifies(seal, of: id, at: waiting.id.seq) {
                    bound[id] = fingerprint
                }
            }
        }
        // A key whose fingerprint is the id of a replica held here is that replica's own: an
        // id it signs for besides is a copy's history (a copied key), not an old replica's.
        bound = try bound.filter { _, fingerprint in
            guard let key = try keys.existingReplica(fingerprint.replicaID) else { return true }
            return try log.heldSeq(ofKey: key) == 0 && !(anyPending && log.anyPending(ofKey: key))
        }
        return (operations, bound)
    }
}

extension Replica {
    /// This replica's team, or `nil` while it belongs to none: a replica joins a team when it
    /// first holds a founding op (an admit of its writer by itself), or founds one with its
    /// first `admit`.
    public func team() throws -> TeamRoster? {
        try writer.read { db in try TeamGate(in: db).roster }
    }

    /// Admits `member` (a replica's id, which is its key's fingerprint, or the fingerprint of
    /// the key of a replica made before keys) to the team as `name`, or renames it. A replica
    /// that belongs to no team founds one first: it admits itself, and every replica it holds
    /// ops of under the name they last wrote as (the team trusts what its founder already
    /// holds).
    ///
    /// - Throws: `TeamError.notAMember` when this replica's own admission is not counted.
    public func admit(_ member: ReplicaID, as name: String) throws {
        let name = name.trimmingWhitespace()
        guard !name.isEmpty else { throw CoreError.emptyText(what: "the member's name") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CoreError.controlCharacter(what: "the member's name")
        }
        try recording(changingRoster: true) { local in
            var roster = try TeamGate(in: local.db).roster
            if roster == nil {
                try Self.found(with: &local)
                roster = try TeamGate.fold(founder: local.identity.id, in: local.db)
            }
            guard let roster, roster.allowance(of: local.identity.id) == .max else { throw TeamError.notAMember }
            let subject = roster.subject(member)
            if let current = roster.members[subject], !current.isRemoved, current.name == name { return }
            try local.append(
                .admitMember(
                    AdmitMember(
                        member: member, name: name,
                        overwrites: try Self.rosterHeads(of: subject, in: roster, db: local.db))),
                to: .team)
        }
    }

    /// Pins this replica to the team `founder` founded, before its first sync, so that it
    /// does not join whichever team's founding admit it meets first: from then on it applies
    /// the founder's ops, and the ops of the members the founder's roster admits; the rest
    /// wait. Pinning again to the same founder does nothing.
    ///
    /// - Throws: `TeamError.otherTeam` when this replica belongs to another team already.
    public func pinTeam(foundedBy founder: ReplicaID) throws {
        try recording(changingRoster: true) { local in
            if let current = try LocalSettingRecord.value(forKey: TeamGate.founderKey, in: local.db) {
                guard current == founder.rawValue else { throw TeamError.otherTeam(founder: current) }
                return
            }
            try LocalSettingRecord(key: TeamGate.founderKey, value: founder.rawValue).insert(local.db)
        }
    }

    /// Removes the member `named` names (its id, or the fingerprint of its key) from the team,
    /// and the copies of its replica file in its place: the ops of each beyond the last seq of
    /// it held here are refused wherever the removal reaches.
    ///
    /// - Throws: `TeamError.noTeam`, `.notAMember` (this replica), `.unknownMember`.
    public func removeMember(_ named: ReplicaID) throws {
        try recording(changingRoster: true) { local in
            guard let roster = try TeamGate(in: local.db).roster else { throw TeamError.noTeam }
            guard roster.allowance(of: local.identity.id) == .max else { throw TeamError.notAMember }
            let member = roster.subject(named)
            guard let current = roster.members[member], !current.isRemoved else {
                throw TeamError.unknownMember(KeyFingerprint(replicaID: member).description)
            }
            // The copies in its place go with it: they hold its key.
            let log = OperationLog(db: local.db, keys: local.keys)
            for removed in [member] + roster.successors(of: member) {
                let held = try log.heldSeq(of: removed)
                try local.append(
                    .removeMember(
                        RemoveMember(
                            member: removed, through: held,
                            overwrites: try Self.rosterHeads(of: removed, in: roster, db: local.db))),
                    to: .team)
            }
        }
    }

    /// The current member `text` names: its fingerprint (as `whoami` prints it, or its id),
    /// or its name. A name that a member shares only with the copies in its place names the
    /// member.
    ///
    /// - Throws: `TeamError.noTeam`, `.unknownMember`, `.ambiguousName`.
    public func member(named text: String) throws -> ReplicaID {
        guard let roster = try team() else { throw TeamError.noTeam }
        if let fingerprint = KeyFingerprint(parsing: text), roster.members[roster.subject(fingerprint.replicaID)] != nil
        {
            return roster.subject(fingerprint.replicaID)
        }
        let named = roster.current.filter { $0.name == text.trimmingWhitespace() }.map(\.id)
        let originals = named.filter { id in !named.contains { roster.successors(of: $0).contains(id) } }
        guard let first = originals.first else { throw TeamError.unknownMember(text) }
        guard originals.count == 1 else { throw TeamError.ambiguousName(text, candidates: originals) }
        return first
    }

    /// The replicas whose ops wait for the roster, by id (the same order on every replica).
    public func waitingForAdmission() throws -> [WaitingReplica] {
        try writer.read { db in try Self.waitingForAdmission(in: db) }
    }

    static func waitingForAdmission(in db: Database) throws -> [WaitingReplica] {
        let gate = try TeamGate(in: db)
        guard let roster = gate.roster else { return [] }
        let keys = Keys(db: db)
        let log = OperationLog(db: db, keys: keys)
        let select = try SQLiteStatement(
            db, "SELECT replica, min(seq), count(*) FROM pending GROUP BY replica")
        var found: [(key: Int64, replica: ReplicaID, first: Int64, count: Int)] = []
        while try select.next() {
            found.append(
                (select.int64(0), try keys.replicaID(select.int64(0)), select.int64(1), Int(select.int64(2))))
        }
        let sealed = Set(try log.waitingInLine().filter { $0.seal != nil }.map(\.id.replica))
        var waiting: [WaitingReplica] = []
        for (key, replica, first, count) in found {
            let next = try log.heldSeq(ofKey: key) + 1
            guard !gate.allows(OperationID(replica: replica, seq: next)) else { continue }
            let claimed = try SQLiteStatement(
                db, "SELECT operation FROM pending WHERE replica = ? AND seq = ?"
            ).bind(key, first)
            let name = try claimed.next() ? try OperationCoding.decode(claimed.bytes(0)).author : ""
            claimed.finish()
            waiting.append(
                WaitingReplica(
                    replica: replica, fingerprint: roster.fingerprint(of: replica), operations: count,
                    claimedName: name,
                    removed: roster.members[replica]?.isRemoved ?? false, unsigned: !sealed.contains(replica)))
        }
        return waiting.sorted { $0.replica < $1.replica }
    }

    /// Founds a team of this replica: admits itself, then every replica it holds ops of.
    private static func found(with local: inout LocalWriter) throws {
        let own = local.identity.id
        try local.append(.admitMember(AdmitMember(member: own, name: local.identity.name, overwrites: [])), to: .team)
        try LocalSettingRecord(key: TeamGate.founderKey, value: own.rawValue).insert(local.db, onConflict: .replace)
        for (id, key) in try local.keys.allReplicas() where id != own {
            let last = try SQLiteStatement(
                local.db, "SELECT author FROM log WHERE replica = ? ORDER BY seq DESC LIMIT 1"
            )
            .bind(key)
            guard try last.next() else { continue }
            let name = try local.keys.authorName(last.int64(0))
            last.finish()
            try local.append(.admitMember(AdmitMember(member: id, name: name, overwrites: [])), to: .team)
        }
    }

    /// The roster ops about `member` (as `roster` reads whom each is about) that no roster op
    /// held overwrites: what a new one names.
    private static func rosterHeads(of member: ReplicaID, in roster: TeamRoster, db: Database) throws
        -> [OperationID]
    {
        let about = try TeamGate.rosterOperations(in: db).filter {
            $0.rosterMember.map(roster.subject) == member
        }
        let overwritten = Set(about.flatMap(\.payload.rosterOverwrites))
        return about.map(\.id).filter { !overwritten.contains($0) }.sorted()
    }

    /// After a batch that applied roster ops: joins the team of the first founding op held,
    /// if this replica has no team; takes out of the log the ops the roster no longer lets
    /// apply (they wait, kept, and the state is rebuilt without them); applies the waiting
    /// ops it now lets apply. Repeated until the roster stands: ops let in may change it.
    static func settleTeam(in db: Database, wall: Int64, report: inout ApplyReport) throws {
        while true {
            if try LocalSettingRecord.value(forKey: TeamGate.founderKey, in: db) == nil {
                let founding = try TeamGate.rosterOperations(in: db).filter {
                    guard case .admitMember(let body) = $0.payload else { return false }
                    return body.member == $0.id.replica && body.overwrites.isEmpty
                }
                guard let first = founding.min(by: { $0.hlc < $1.hlc }) else { return }
                try LocalSettingRecord(key: TeamGate.founderKey, value: first.id.replica.rawValue)
                    .insert(db, onConflict: .replace)
                report.joined = first.id.replica
            }
            let gate = try TeamGate(in: db)
            let keys = Keys(db: db)
            let log = OperationLog(db: db, keys: keys)
            var beyond: [ReplicaID: Int64] = [:]
            for (id, _) in try keys.allReplicas() {
                let held = try log.heldSeq(of: id)
                if held > 0, !gate.allows(OperationID(replica: id, seq: held)) {
                    beyond[id] = gate.roster?.allowance(of: id) ?? .max
                }
            }
            if !beyond.isEmpty {
                let all = try log.allOperations()
                func isAllowed(_ operation: Operation) -> Bool {
                    beyond[operation.id.replica].map { operation.id.seq <= $0 } ?? true
                }
                try replay(all.filter(isAllowed), in: db)
                let log = OperationLog(db: db, keys: Keys(db: db))
                for operation in all where !isAllowed(operation) {
                    try log.hold(operation)
                    report.takenBack += 1
                }
                continue
            }
            // The waiting ops it now lets apply (applying them settles the roster they change).
            let more = try apply([], in: db, wall: wall)
            report.add(more)
            return
        }
    }
}
