/// The team: whose ops a replica applies, and under which name they show, folded from the
/// roster ops (`AdmitMember`, `RemoveMember`) it holds and the team's founder.
///
/// The rule, the same on every replica, so that replicas holding the same ops agree:
/// - The roster ops are taken in clock order. One counts only if its writer is a member
///   when it comes, and it is within the writer's allowance (below): an admit made before
///   its writer was admitted, or beyond a removal of its writer, does nothing.
/// - Each member's roster ops form a register, as an incident's fields do: an op names the
///   ops of that member it overwrites, and the ones no counted op overwrites are its heads.
///   A head that removes wins over a head that admits (a removal and an admit that named
///   neither each other: removed, and shown as contested); among admits, the latest names.
/// - A member may write without bound; a removed one up to the last seq its remover held
///   (`RemoveMember.through`); anyone else, nothing. The founder is a member until removed.
/// - A removal takes back what it removes: roster ops its member wrote beyond the removal
///   count for nothing, however early their clock; the fold starts again without them.
/// - A replica made before keys existed has an id that is not its key's fingerprint; the
///   key it signs with since its upgrade binds it (`keys`, from its seals). A roster op that
///   names that fingerprint is about the replica: admitting the fingerprint `incident whoami`
///   prints admits the replica, under its old id.
public struct TeamRoster: Hashable, Sendable {
    /// One replica the roster names.
    public struct Member: Hashable, Sendable {
        public var id: ReplicaID
        /// The name its ops show under.
        public var name: String
        /// Who wrote the admit that names it, and when; the founder's own for the founder.
        public var admittedBy: ReplicaID
        public var admittedAt: HybridTimestamp
        /// For a removed member: the last seq of it whose ops count, and who removed it.
        public var removedThrough: Int64?
        public var removedBy: ReplicaID?
        /// A removal won over an admit that did not see it.
        public var contested: Bool
        /// For a copy of a member's replica file that went on under its own id, in the
        /// member's place (`SucceedMember`): that member.
        public var succeeds: ReplicaID?

        public var isRemoved: Bool { removedThrough != nil }
    }

    /// The replica that founded the team: a member from its first op.
    public let founder: ReplicaID
    /// Every replica the roster names, removed ones too, by id.
    public private(set) var members: [ReplicaID: Member] = [:]
    /// The fingerprints of the keys that sign for replicas made before keys, by replica id.
    public let keys: [ReplicaID: KeyFingerprint]
    /// The same, the other way: the replica each of those fingerprints stands for.
    private let boundIDs: [ReplicaID: ReplicaID]

    /// Folds `operations` (any ops: the roster's are picked out; order does not matter);
    /// `keys` binds replicas made before keys to the fingerprints of the keys they sign with.
    public init(founder: ReplicaID, operations: [Operation], keys: [ReplicaID: KeyFingerprint] = [:]) {
        self.founder = founder
        self.keys = keys
        boundIDs = Dictionary(keys.map { ($0.value.replicaID, $0.key) }, uniquingKeysWith: min)
        let sorted = operations.filter { $0.payload.isRosterChange }.sorted { ($0.hlc, $0.id) < ($1.hlc, $1.id) }
        var excluded: Set<OperationID> = []
        while let more = fold(sorted, excluding: excluded) { excluded.formUnion(more) }
    }

    /// The last seq of `replica` whose ops apply: any for a member, up to its removal for a
    /// removed one, none for a replica the roster does not name.
    public func allowance(of replica: ReplicaID) -> Int64 {
        guard let member = members[replica] else { return replica == founder ? .max : 0 }
        return member.removedThrough ?? .max
    }

    /// The replica a roster op naming `named` is about: the replica made before keys whose key
    /// has that fingerprint, or `named` itself.
    public func subject(_ named: ReplicaID) -> ReplicaID {
        boundIDs[named] ?? named
    }

    /// The fingerprint to compare for `replica`: its key's, which is its id unless it was
    /// made before keys.
    public func fingerprint(of replica: ReplicaID) -> KeyFingerprint {
        keys[replica] ?? KeyFingerprint(replicaID: replica)
    }

    /// The current members in `member`'s place, and in theirs, by id: copies of its replica
    /// file that went on under ids of their own (`SucceedMember`).
    public func successors(of member: ReplicaID) -> [ReplicaID] {
        var found: [ReplicaID] = []
        var next = [member]
        while let predecessor = next.popLast() {
            let direct = members.values.filter { $0.succeeds == predecessor && !$0.isRemoved && !found.contains($0.id) }
            found += direct.map(\.id)
            next += direct.map(\.id)
        }
        return found.sorted()
    }

    /// The members not removed, by name.
    public var current: [Member] {
        members.values.filter { !$0.isRemoved }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// One pass of the fold; returns the ops a removal took back, to fold again without,
    /// or `nil` when the pass stands.
    private mutating func fold(_ sorted: [Operation], excluding excluded: Set<OperationID>) -> Set<OperationID>? {
        members = [:]
        var heads: [ReplicaID: [Operation]] = [:]
        var counted: [ReplicaID: [OperationID]] = [:]
        // The name each counted succession gives its writer: its predecessor's, then.
        var successions: [OperationID: (name: String, predecessor: ReplicaID)] = [:]
        for operation in sorted where !excluded.contains(operation.id) {
            let writer = operation.id.replica
            let subject: ReplicaID
            if case .succeedMember(let body) = operation.payload {
                let predecessor = self.subject(body.predecessor)
                guard predecessor != writer, allowance(of: predecessor) == .max,
                    fingerprint(of: predecessor) == KeyFingerprint(publicKey: body.key),
                    body.verifies(successor: writer)
                else { continue }
                successions[operation.id] = (members[predecessor]?.name ?? "", predecessor)
                subject = writer
            } else {
                guard operation.id.seq <= allowance(of: writer), let named = operation.payload.rosterSubject else {
                    continue
                }
                subject = self.subject(named.member)
            }
            let overwritten = Set(operation.payload.rosterOverwrites)
            heads[subject, default: []].removeAll { overwritten.contains($0.id) }
            heads[subject, default: []].append(operation)
            counted[writer, default: []].append(operation.id)
            members[subject] = Self.member(
                subject, heads: heads[subject]!, before: members[subject], successions: successions)
            let allowance = allowance(of: subject)
            let takenBack = counted[subject, default: []].filter { $0.seq > allowance }
            if !takenBack.isEmpty { return Set(takenBack) }
        }
        return nil
    }

    /// A member as its heads say: removed if any head removes, else named by the latest
    /// admit (or succession); a removed member keeps the name it had (`before`), its ops
    /// still show under it.
    private static func member(
        _ id: ReplicaID, heads: [Operation], before: Member?,
        successions: [OperationID: (name: String, predecessor: ReplicaID)]
    ) -> Member {
        let admits = heads.filter {
            switch $0.payload {
            case .admitMember, .succeedMember: true
            default: false
            }
        }
        let latest = admits.max { $0.hlc < $1.hlc } ?? heads[0]
        let succession = successions[latest.id]
        var member = Member(
            id: id, name: succession?.name ?? latest.payload.rosterSubject?.name ?? "",
            admittedBy: succession?.predecessor ?? latest.id.replica, admittedAt: latest.hlc, removedThrough: nil,
            removedBy: nil, contested: false, succeeds: succession?.predecessor)
        let removals = heads.compactMap { operation -> (Operation, Int64)? in
            guard case .removeMember(let body) = operation.payload else { return nil }
            return (operation, body.through)
        }
        if let first = removals.min(by: { ($0.1, $0.0.hlc) < ($1.1, $1.0.hlc) }) {
            member.removedThrough = first.1
            member.removedBy = first.0.id.replica
            member.contested = !admits.isEmpty
            if admits.isEmpty { member.name = before?.name ?? "" }
        }
        return member
    }
}

extension Operation {
    /// For a roster op: the replica it is about, as it names it (a succession is about its
    /// writer).
    public var rosterMember: ReplicaID? {
        if case .succeedMember = payload { return id.replica }
        return payload.rosterSubject?.member
    }
}

extension Payload {
    /// Whether this payload changes the team's roster (filed under `IncidentID.team`).
    public var isRosterChange: Bool {
        switch self {
        case .admitMember, .removeMember, .succeedMember: return true
        case .createIncident, .setField, .addEntry, .editEntry, .redactEntry, .addItem, .setItem, .removeItem,
            .setAlarm, .redactItem, .moveEntry:
            return false
        }
    }

    /// For a roster op: the member it is about, and the name an admit gives it.
    public var rosterSubject: (member: ReplicaID, name: String?)? {
        switch self {
        case .admitMember(let body): return (body.member, body.name)
        case .removeMember(let body): return (body.member, nil)
        case .succeedMember: return nil
        case .createIncident, .setField, .addEntry, .editEntry, .redactEntry, .addItem, .setItem, .removeItem,
            .setAlarm, .redactItem, .moveEntry:
            return nil
        }
    }

    /// For a roster op: the roster ops of its member it overwrites.
    public var rosterOverwrites: [OperationID] {
        switch self {
        case .admitMember(let body): return body.overwrites
        case .removeMember(let body): return body.overwrites
        case .succeedMember: return []
        case .createIncident, .setField, .addEntry, .editEntry, .redactEntry, .addItem, .setItem, .removeItem,
            .setAlarm, .redactItem, .moveEntry:
            return []
        }
    }
}
