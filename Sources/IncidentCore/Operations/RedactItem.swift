/// Redacts a list item (a note line with a secret pasted in): a tombstone that removes
/// the item, as `item.remove` does, and blanks its text and the texts of its edits in
/// every stored operation of every replica that syncs it, as `entry.redact` does.
public struct RedactItem: Hashable, Sendable {
    public var item: ItemID

    public init(item: ItemID) {
        self.item = item
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var item: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "item": item = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.item = try JSONReader.parsed(item, "item", ItemID.init(rawValue:))
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("item")
        writer.string(item.rawValue)
        writer.endObject()
    }
}
