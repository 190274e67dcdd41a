/// One line of an incident's shared notes, as every replica shows it.
public struct NoteLine: Hashable, Sendable {
    public var id: ItemID
    /// The line it was inserted after; `nil` at the top.
    public var after: ItemID?
    /// The clock of its insert: orders lines inserted at the same place.
    public var inserted: HybridTimestamp
    public var author: String
    public var text: String
    /// Removed lines stay, unseen, as places later inserts may name.
    public var removed: Bool

    public init(
        id: ItemID, after: ItemID?, inserted: HybridTimestamp, author: String, text: String, removed: Bool = false
    ) {
        self.id = id
        self.after = after
        self.inserted = inserted
        self.author = author
        self.text = text
        self.removed = removed
    }

    /// When it was written, in milliseconds since 1970 UTC.
    public var at: Int64 { inserted.wall }

    /// The id of the timeline entry `notes promote` makes of this line: two replicas that
    /// promote the same line make one entry.
    public var promotedEntryID: EntryID {
        Self.promotedEntryID(of: id)
    }

    /// The id of the timeline entry that promoting the line `line` makes.
    public static func promotedEntryID(of line: ItemID) -> EntryID {
        EntryID.derived(from: "note\n\(line.rawValue)")
    }
}
