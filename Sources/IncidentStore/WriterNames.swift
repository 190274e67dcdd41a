import GRDB
import IncidentCore

/// The name a write is shown under (`show`, `list`, the page, `export`, `--json`).
///
/// Inside a team it is the roster's name for the replica whose key signed the op: a name a
/// member gave when it admitted that key, having checked its fingerprint, and not one the
/// op claims. Removed members keep their roster name for what they wrote before. Outside a
/// team, and for a replica the roster does not name (this replica's own ops while it waits
/// for its admission), it is the name the op claims, as it always was.
///
/// A promoted note line is an op of the replica that promoted it: inside a team it shows
/// under that replica's name, whoever wrote the line.
struct WriterNames {
    private let roster: [ReplicaID: String]
    private let keys: Keys

    /// The names of the roster this replica holds, read once a transaction.
    init(in db: Database, keys: Keys) throws {
        roster = try TeamGate(in: db).roster?.members.mapValues(\.name) ?? [:]
        self.keys = keys
    }

    /// The name for ops of `replica` that claim `claimed`; `replica` is read only inside a
    /// team (`nil` when it cannot be read: the claimed name).
    func name(of replica: @autoclosure () -> ReplicaID?, claimed: String) -> String {
        guard !roster.isEmpty, let id = replica() else { return claimed }
        return roster[id] ?? claimed
    }

    /// The name for ops of the replica keyed `replica` that claim the author keyed `author`.
    func name(ofReplicaKeyed replica: Int64, claimedKeyed author: Int64) throws -> String {
        guard !roster.isEmpty, let name = roster[try keys.replicaID(replica)] else {
            return try keys.authorName(author)
        }
        return name
    }
}
