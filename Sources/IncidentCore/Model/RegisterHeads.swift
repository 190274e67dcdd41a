/// One write to a register: which operation wrote what, when, and who.
public struct RegisterWrite: Hashable, Sendable {
    public var operation: OperationID
    public var hlc: HybridTimestamp
    public var author: String
    public var value: String

    public init(operation: OperationID, hlc: HybridTimestamp, author: String, value: String) {
        self.operation = operation
        self.hlc = hlc
        self.author = author
        self.value = value
    }
}

/// The heads of a register with predecessors: the writes no other write overwrote.
///
/// The rule (DESIGN.md, merge rules): every set names the writes it overwrites;
/// the value is the head with the greatest hybrid timestamp; more than one head
/// with different values is a conflict, shown until a set names all heads. Heads
/// that agree on the value (the same scratchpad line imported on two replicas)
/// are not a conflict.
public struct RegisterHeads: Hashable, Sendable {
    /// The heads, the winner first, then by descending timestamp.
    public let writes: [RegisterWrite]

    public init(_ heads: [RegisterWrite]) {
        writes = heads.sorted { $0.hlc > $1.hlc }
    }

    /// The head with the greatest timestamp, if the register was ever written.
    public var winner: RegisterWrite? { writes.first }

    /// Whether concurrent writes left different values that nobody has settled yet.
    public var isConflicted: Bool {
        guard let first = writes.first else { return false }
        return writes.contains { $0.value != first.value }
    }

    /// The operations a new write must name to settle the register.
    public var operations: [OperationID] { writes.map(\.operation).sorted() }
}

// MARK: - The rule, as pure functions

extension RegisterHeads {
    /// The heads once `write` has arrived: the writes it names leave the heads, and it
    /// joins them unless a write that arrived before it already named it.
    ///
    /// Applying writes one at a time in any order gives the heads that `folding` gives
    /// for all of them at once; the store calls this for every register write.
    public func adding(
        _ write: RegisterWrite, overwriting named: some Sequence<OperationID>, isOverwritten: Bool
    ) -> RegisterHeads {
        let named = Set(named)
        var kept = writes.filter { !named.contains($0.operation) && $0.operation != write.operation }
        if !isOverwritten { kept.append(write) }
        return RegisterHeads(kept)
    }

    /// The heads of a register from all its writes at once: the writes no other write names.
    public init(folding writes: [(write: RegisterWrite, overwrites: [OperationID])]) {
        let named = Set(writes.flatMap(\.overwrites))
        var seen = Set<OperationID>()
        self.init(writes.map(\.write).filter { !named.contains($0.operation) && seen.insert($0.operation).inserted })
    }
}
