/// Redacts a timeline entry: a tombstone that wins over every edit, concurrent or later,
/// and blanks the entry's text in every stored operation of every replica that syncs it.
public struct RedactEntry: Hashable, Codable, Sendable {
    public var entry: EntryID

    public init(entry: EntryID) {
        self.entry = entry
    }
}
