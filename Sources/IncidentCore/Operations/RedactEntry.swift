/// Redacts a timeline entry: a tombstone that wins over every edit, concurrent or later,
/// and blanks the entry's text in every stored operation of every replica that syncs it.
public struct RedactEntry: Hashable, Sendable {
    public var entry: EntryID

    public init(entry: EntryID) {
        self.entry = entry
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var entry: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "entry": entry = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.entry = try JSONReader.parsed(entry, "entry", EntryID.init(rawValue:))
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entry")
        writer.string(entry.rawValue)
        writer.endObject()
    }
}
