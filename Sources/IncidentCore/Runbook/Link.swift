/// A link recorded on an incident: an issue, a status post, a chat thread.
public struct Link: Hashable, Sendable {
    public var id: ItemID
    public var url: String
    public var kind: LinkKind
    public var author: String
    /// When it was added (its op's clock): links are listed in that order.
    public var added: HybridTimestamp

    public init(id: ItemID, url: String, kind: LinkKind, author: String, added: HybridTimestamp) {
        self.id = id
        self.url = url
        self.kind = kind
        self.author = author
        self.added = added
    }
}
