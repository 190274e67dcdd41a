/// Removes an item from its list: a tombstone, which wins over every write to the item,
/// concurrent or later. A removed note line keeps its place for the lines after it.
public struct RemoveItem: Hashable, Sendable {
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
