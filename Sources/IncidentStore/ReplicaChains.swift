import GRDB
import IncidentCore

/// The signed chains of the replicas held (`OperationChain`), kept as ops are appended in
/// one transaction: each op of a replica that signs extends its chain, and each seal is
/// checked against the head it claims.
///
/// A replica's chain is bound by the first seal seen of it, to that seal's key and start:
/// a key whose fingerprint is the replica's id (every replica made with its key) is the
/// only one that can ever sign for it; a replica made before keys existed, or a history
/// moved to an id of its own, is bound to the first key that signs for it. From then on
/// every op of it must be covered by a seal of that key: an op signed by another key, a
/// seal that does not verify, or ops left uncovered when the transaction ends, refuse the
/// whole transaction. A seal that verifies but signs another head than the one held is
/// the replica's own key over another history (a copied replica file that wrote on after a
/// split this transfer does not reach): `StoreError.splitHistory`, which `Replica.apply`
/// answers by leaving those ops for a transfer that carries the whole history. A replica
/// that never signed has no chain, and its ops are taken as before.
final class ReplicaChains {
    struct Chain {
        var publicKey: [UInt8]
        var start: Int64
        var seq: Int64
        var head: [UInt8]
        var sealed: Int64
    }

    private let db: Database
    /// By replica key: the chain, `nil` for a replica that has none; looked up once.
    private var chains: [Int64: Chain?] = [:]
    private var changed: Set<Int64> = []
    private var hasher = ChainHasher()
    /// The digests of the ops being applied that were hashed ahead, if any.
    var ahead: PrecomputedDigests?

    init(db: Database) {
        self.db = db
    }

    /// The chain of the replica keyed `replica`, if it signs.
    func chain(of replica: Int64) throws -> Chain? {
        if let known = chains[replica] { return known }
        let row = try SQLiteStatement(db, "SELECT public_key, start, seq, head, sealed FROM chains WHERE replica = ?")
            .bind(replica)
        defer { row.finish() }
        let chain =
            try row.next()
            ? Chain(
                publicKey: row.bytes(0), start: row.int64(1), seq: row.int64(2), head: row.bytes(3),
                sealed: row.int64(4))
            : nil
        chains[replica] = chain
        return chain
    }

    /// Extends the chain of `operation`'s replica (keyed `replica`) by it, about to be
    /// appended as the next op of its replica, and checks its seal; binds the chain at the
    /// first seal, hashing the ops held from the seal's start on (`log` reads them).
    ///
    /// - Throws: `StoreError.badSignature` for a seal of another key or start than the
    ///   chain's, a chain that would start after its op, or a seal that does not verify;
    ///   `.splitHistory` for a seal of the chain's key over another head.
    func extend(with operation: Operation, ofKey replica: Int64, log: OperationLog) throws {
        var chain = try self.chain(of: replica)
        if chain == nil, let seal = operation.seal {
            guard seal.chainStart <= operation.id.seq else {
                throw StoreError.badSignature(operation.id.description, reason: "its chain starts after it")
            }
            var head = OperationChain.start
            try log.forEachOperation(ofKey: replica, after: seal.chainStart - 1, through: operation.id.seq - 1) {
                head = hasher.head(after: head, $0)
            }
            chain = Chain(
                publicKey: seal.publicKey, start: seal.chainStart, seq: operation.id.seq - 1, head: head,
                sealed: operation.id.seq - 1)
        }
        guard var chain else { return }
        if let seal = operation.seal, seal.publicKey != chain.publicKey || seal.chainStart != chain.start {
            throw StoreError.badSignature(
                operation.id.description, reason: "it is signed by another key than its replica's")
        }
        chain.head = hasher.head(after: chain.head, operation, hashed: ahead?.digest(of: operation))
        chain.seq = operation.id.seq
        if let seal = operation.seal {
            guard OperationChain.verifies(seal, of: operation.id.replica, at: operation.id.seq) else {
                throw StoreError.badSignature(operation.id.description, reason: "its signature does not verify")
            }
            // The key's own signature over another history than the one held: a copy of the
            // replica's file (and its key) wrote it, after a split this transfer does not reach.
            guard seal.head == chain.head else { throw StoreError.splitHistory(operation.id.replica) }
            chain.sealed = operation.id.seq
        }
        chains[replica] = chain
        changed.insert(replica)
    }

    /// Checks ops of the replica keyed `replica` that wait for the team's roster, `run` being
    /// its ops in line straight after those held in the log, as `extend` would check them
    /// when they apply: every seal among them must be of the chain's key and start, verify,
    /// and sign the head the ops before it give. Nothing is kept: they are checked again
    /// when they apply. A run that no seal covers yet (or of a replica that never signed)
    /// is left for then.
    ///
    /// - Throws: `StoreError.badSignature` as `extend` does; `.splitHistory` for a seal of
    ///   the chain's key over another head.
    func checkWaiting(_ run: [Operation], ofKey replica: Int64, log: OperationLog) throws {
        guard let firstSealed = run.first(where: { $0.seal != nil }), let firstSeal = firstSealed.seal else { return }
        var (key, start, head): ([UInt8], Int64, [UInt8])
        if let chain = try chain(of: replica) {
            (key, start, head) = (chain.publicKey, chain.start, chain.head)
        } else {
            guard firstSeal.chainStart <= firstSealed.id.seq else {
                throw StoreError.badSignature(firstSealed.id.description, reason: "its chain starts after it")
            }
            (key, start, head) = (firstSeal.publicKey, firstSeal.chainStart, OperationChain.start)
            try log.forEachOperation(ofKey: replica, after: start - 1) { head = hasher.head(after: head, $0) }
        }
        for operation in run {
            if operation.id.seq >= start {
                head = hasher.head(after: head, operation, hashed: ahead?.digest(of: operation))
            }
            guard let seal = operation.seal else { continue }
            guard seal.publicKey == key, seal.chainStart == start else {
                throw StoreError.badSignature(
                    operation.id.description, reason: "it is signed by another key than its replica's")
            }
            guard OperationChain.verifies(seal, of: operation.id.replica, at: operation.id.seq) else {
                throw StoreError.badSignature(operation.id.description, reason: "its signature does not verify")
            }
            guard seal.head == head else { throw StoreError.splitHistory(operation.id.replica) }
        }
    }

    /// Binds this replica's own chain (keyed `replica`) to `key` if it has none: it starts
    /// at `start`, the first op this replica writes with its key.
    func bindOwn(_ replica: Int64, to key: ReplicaKey, startingAt start: Int64) throws {
        guard try chain(of: replica) == nil else { return }
        chains[replica] = Chain(
            publicKey: key.publicKey, start: start, seq: start - 1, head: OperationChain.start,
            sealed: start - 1)
        changed.insert(replica)
    }

    /// Seals this replica's own chain (keyed `replica`, of id `id`) at its last op, if a
    /// seal does not cover it yet; returns the seq and the seal to keep with that op.
    func sealOwn(_ replica: Int64, id: ReplicaID, with key: ReplicaKey) throws -> (seq: Int64, seal: Seal)? {
        guard var chain = try chain(of: replica), chain.seq > chain.sealed else { return nil }
        let seal = try OperationChain.seal(chain.head, of: id, at: chain.seq, chainStart: chain.start, with: key)
        chain.sealed = chain.seq
        chains[replica] = chain
        changed.insert(replica)
        return (chain.seq, seal)
    }

    /// Writes the chains this transaction changed.
    func save() throws {
        for replica in changed {
            guard let chain = chains[replica] ?? nil else { continue }
            try SQLiteStatement(
                db,
                """
                INSERT OR REPLACE INTO chains (replica, public_key, start, seq, head, sealed)
                VALUES (?, ?, ?, ?, ?, ?)
                """
            ).bind(replica, chain.publicKey, chain.start, chain.seq, chain.head, chain.sealed).run()
        }
        changed.removeAll()
    }

    /// Refuses a transaction that leaves ops of a replica that signs uncovered by a seal: a
    /// transfer ends at a signed seq, so such ops were cut from their seal.
    ///
    /// - Throws: `StoreError.unsealedOperations`.
    static func checkSealed(in db: Database, keys: Keys) throws {
        let statement = try SQLiteStatement(db, "SELECT replica, sealed, seq FROM chains WHERE seq > sealed LIMIT 1")
        defer { statement.finish() }
        guard try statement.next() else { return }
        throw StoreError.unsealedOperations(
            replica: try keys.replicaID(statement.int64(0)).rawValue, from: statement.int64(1) + 1,
            through: statement.int64(2))
    }
}
