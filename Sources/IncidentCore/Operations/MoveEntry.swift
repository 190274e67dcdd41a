/// Sets a timeline entry's event time (a line whose time was misread, or typed wrong),
/// naming the moves it overwrites.
///
/// An entry's time is a register of its own, beside its text: its writes are the moves,
/// and every move overwrites the time the entry was added with, so an entry never moved
/// stands at its add's time. Two moves that named neither each other are a conflict,
/// shown until a move names both.
public struct MoveEntry: Hashable, Sendable {
    public var entry: EntryID
    /// The new event time, in milliseconds since 1970 UTC.
    public var at: Int64
    public var overwrites: [OperationID]

    public init(entry: EntryID, at: Int64, overwrites: [OperationID]) {
        self.entry = entry
        self.at = at
        self.overwrites = overwrites
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var entry: String?
        var at: Int64?
        var overwrites: [OperationID]?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "entry": entry = try reader.readString()
            case "at": at = try reader.readInteger()
            case "overwrites": overwrites = try reader.readOperationIDs(key)
            default: try reader.skipValue()
            }
        }
        self.entry = try JSONReader.parsed(entry, "entry", EntryID.init(rawValue:))
        self.at = try JSONReader.required(at, "at")
        self.overwrites = try JSONReader.required(overwrites, "overwrites")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at")
        writer.integer(at)
        writer.key("entry")
        writer.string(entry.rawValue)
        writer.key("overwrites")
        writer.writeOperationIDs(overwrites)
        writer.endObject()
    }
}
