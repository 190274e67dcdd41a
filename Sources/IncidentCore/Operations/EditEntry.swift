/// Replaces a timeline entry's text, naming the text writes it overwrites.
public struct EditEntry: Hashable, Sendable {
    public var entry: EntryID
    public var text: String
    public var overwrites: [OperationID]

    public init(entry: EntryID, text: String, overwrites: [OperationID]) {
        self.entry = entry
        self.text = text
        self.overwrites = overwrites
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var entry: String?
        var text: String?
        var overwrites: [OperationID]?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "entry": entry = try reader.readString()
            case "text": text = try reader.readString()
            case "overwrites": overwrites = try reader.readOperationIDs(key)
            default: try reader.skipValue()
            }
        }
        self.entry = try JSONReader.parsed(entry, "entry", EntryID.init(rawValue:))
        self.text = try JSONReader.required(text, "text")
        self.overwrites = try JSONReader.required(overwrites, "overwrites")
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entry")
        writer.string(entry.rawValue)
        writer.key("overwrites")
        writer.writeOperationIDs(overwrites)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }
}
