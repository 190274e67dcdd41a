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
