/// A follow-up from the postmortem: what to do, who does it, whether it is done.
public struct ActionItem: Hashable, Sendable {
    public var id: ItemID
    public var text: String
    /// Empty: nobody has taken it.
    public var owner: String
    public var done: Bool
    public var author: String
    /// When it was added (its op's clock): items are listed in that order.
    public var added: HybridTimestamp

    public init(id: ItemID, text: String, owner: String, done: Bool, author: String, added: HybridTimestamp) {
        self.id = id
        self.text = text
        self.owner = owner
        self.done = done
        self.author = author
        self.added = added
    }
}
