/// Writes one register of an item: a note line's or action item's text, an action's
/// owner, whether it is done. The write with the greatest clock wins (`ItemField`).
public struct SetItem: Hashable, Sendable {
    public var item: ItemID
    public var field: ItemField
    public var value: String

    public init(item: ItemID, field: ItemField, value: String) {
        self.item = item
        self.field = field
        self.value = value
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var item: String?
        var field: String?
        var value: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "item": item = try reader.readString()
            case "field": field = try reader.readString()
            case "value": value = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.item = try JSONReader.parsed(item, "item", ItemID.init(rawValue:))
        self.field = try JSONReader.parsed(field, "field", ItemField.init(rawValue:))
        self.value = try JSONReader.required(value, "value")
        if self.field == .done, !["yes", "no"].contains(self.value) {
            throw .malformedOperation("'done' is '\(self.value)', not yes or no")
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("field")
        writer.string(field.rawValue)
        writer.key("item")
        writer.string(item.rawValue)
        writer.key("value")
        writer.string(value)
        writer.endObject()
    }
}
