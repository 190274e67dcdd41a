import Crypto

/// Where a copied replica's second history goes: one replica file copied to a second
/// machine (a restored backup, a cloned VM), both copies writing, leaves two different
/// ops under one (replica, seq). Every replica keeps, under that id, the history whose op
/// at that seq was made first (the lower clock), and moves the other to a new id.
///
/// The move is a function of the ops alone, so every replica that makes it makes the same
/// ops: the new id is derived from the old one, the seq where the histories split and the
/// clock of the moved history's op there; op `seq + k` of the old id becomes op `k + 1` of
/// the new one, with the same clock, author, incident and body. Made on three replicas,
/// the moved ops are the same ops, held once.
public struct HistoryMove: Hashable, Sendable {
    /// The id both copies wrote under.
    public let replica: ReplicaID
    /// The first seq at which the two histories differ.
    public let seq: Int64
    /// The id the moved history goes on under.
    public let destination: ReplicaID

    /// A move kept by a replica, as it was made.
    public init(replica: ReplicaID, seq: Int64, destination: ReplicaID) {
        self.replica = replica
        self.seq = seq
        self.destination = destination
    }

    /// The move of the history whose op at the split is `first` (an op of `replica`).
    public init(from first: Operation) {
        replica = first.id.replica
        seq = first.id.seq
        var hash = SHA256()
        hash.update(data: Array("incident history move 1".utf8))
        hash.update(data: replica.bytes)
        withUnsafeBytes(of: first.id.seq.bigEndian) { hash.update(bufferPointer: $0) }
        withUnsafeBytes(of: first.hlc.wall.bigEndian) { hash.update(bufferPointer: $0) }
        withUnsafeBytes(of: first.hlc.counter.bigEndian) { hash.update(bufferPointer: $0) }
        destination = ReplicaID(bytes: Array(hash.finalize().prefix(ReplicaID.length / 2)))!
    }

    /// Whether `operation` is of the moved history's range: the old id, from the split on.
    public func covers(_ operation: Operation) -> Bool {
        operation.id.replica == replica && operation.id.seq >= seq
    }

    /// `operation`, an op this move covers, as the moved history holds it.
    public func moved(_ operation: Operation) -> Operation {
        var moved = operation
        moved.id = renamed(operation.id)
        moved.hlc = HybridTimestamp(wall: operation.hlc.wall, counter: operation.hlc.counter, replica: destination)
        moved.payload = operation.payload.renamingOverwrites(renamed)
        moved.seal = nil  // signed as the old id's: the moved history has no chain
        return moved
    }

    /// The op id a moved op has, for an op this move covers; any other is as it was.
    private func renamed(_ id: OperationID) -> OperationID {
        guard id.replica == replica, id.seq >= seq else { return id }
        return OperationID(replica: destination, seq: id.seq - seq + 1)
    }
}
