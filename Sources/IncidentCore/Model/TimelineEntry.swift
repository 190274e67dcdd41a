/// One line of an incident's timeline as every replica shows it.
public struct TimelineEntry: Hashable, Sendable {
    public var id: EntryID
    /// Event time in milliseconds since 1970 UTC.
    public var at: Int64
    public var author: String
    public var kind: EntryKind
    /// The text, blank when redacted.
    public var text: String
    public var redacted: Bool

    public init(id: EntryID, at: Int64, author: String, kind: EntryKind, text: String, redacted: Bool) {
        self.id = id
        self.at = at
        self.author = author
        self.kind = kind
        self.text = text
        self.redacted = redacted
    }
}

extension TimelineEntry: Encodable {
    private enum CodingKeys: String, CodingKey { case id, at, author, kind, text, redacted }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ISOTime.format(milliseconds: at), forKey: .at)
        try container.encode(author, forKey: .author)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(redacted, forKey: .redacted)
    }
}
