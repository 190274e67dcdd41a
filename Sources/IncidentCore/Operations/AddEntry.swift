/// Adds a timeline entry: what happened (or was posted), when, in a few words.
///
/// The entry id is random for a typed entry and derived (`EntryID.derived`) for an
/// imported or promoted one, so the same source on two replicas makes one entry.
/// The add is also the first write of the entry's text register.
public struct AddEntry: Hashable, Sendable {
    public var entry: EntryID
    /// Event time in milliseconds since 1970 UTC: when it happened, not when it was typed.
    public var at: Int64
    public var kind: EntryKind
    public var text: String

    public init(entry: EntryID, at: Int64, kind: EntryKind, text: String) {
        self.entry = entry
        self.at = at
        self.kind = kind
        self.text = text
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var entry: String?
        var at: Int64?
        var kind: String?
        var text: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "entry": entry = try reader.readString()
            case "at": at = try reader.readInteger()
            case "kind": kind = try reader.readString()
            case "text": text = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.entry = try JSONReader.parsed(entry, "entry", EntryID.init(rawValue:))
        self.at = try JSONReader.required(at, "at")
        self.kind = try JSONReader.parsed(kind, "kind", EntryKind.init(rawValue:))
        self.text = try JSONReader.required(text, "text")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.integer(at)
        writer.key("entry")
        writer.string(entry.rawValue)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }

    /// The id an imported entry gets: the same incident, time and text give the same id.
    public static func derivedID(incident: IncidentID, at: Int64, text: String) -> EntryID {
        EntryID.derived(from: "entry\n\(incident.rawValue)\n\(at)\n\(text)")
    }
}
