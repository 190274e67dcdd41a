/// Redacts a timeline entry: a tombstone that wins over every edit, concurrent or later,
/// and blanks the entry's text in every stored operation of every replica that syncs it.
public struct RedactEntry: Hashable, Sendable {
    public var entry: EntryID

    public init(entry: EntryID) {
        self.entry = entry
    }

    init(json: JSONObject) throws(CoreError) {
        entry = try json.parsed("entry", EntryID.init(rawValue:))
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entry")
        writer.string(entry.rawValue)
        writer.endObject()
    }
}
