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

    init(json: JSONObject) throws(CoreError) {
        entry = try json.parsed("entry", EntryID.init(rawValue:))
        text = try json.string("text")
        overwrites = try json.operationIDs("overwrites")
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
