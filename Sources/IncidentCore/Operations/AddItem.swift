/// Adds an item to one of an incident's lists: a note line (after another, or at the
/// top), a link, an action item.
///
/// Its text (a note's line, a link's URL, an action's text) and detail (a link's kind,
/// an action's first owner) are the first writes of the item's registers.
public struct AddItem: Hashable, Sendable {
    public var item: ItemID
    public var list: ItemList
    /// A note line: the line it goes after; `nil` at the top. Always `nil` for other lists.
    public var after: ItemID?
    public var text: String
    /// A link's kind, an action item's owner; empty for a note line.
    public var detail: String

    public init(item: ItemID, list: ItemList, after: ItemID? = nil, text: String, detail: String = "") {
        self.item = item
        self.list = list
        self.after = after
        self.text = text
        self.detail = detail
    }

    init(reader: inout JSONReader) throws(CoreError) {
        var item: String?
        var list: String?
        var after: String?
        var text: String?
        var detail: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "item": item = try reader.readString()
            case "list": list = try reader.readString()
            case "after": after = try reader.readOptionalString()
            case "text": text = try reader.readString()
            case "detail": detail = try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.item = try JSONReader.parsed(item, "item", ItemID.init(rawValue:))
        self.list = try JSONReader.parsed(list, "list", ItemList.init(rawValue:))
        self.after = try after.map { text throws(CoreError) in
            guard let id = ItemID(rawValue: text) else { throw .malformedOperation("'after' is not an item id") }
            return id
        }
        self.text = try JSONReader.required(text, "text")
        self.detail = try JSONReader.required(detail, "detail")
        if self.list == .link, LinkKind(rawValue: self.detail) == nil {
            throw .malformedOperation("'\(self.detail)' is not a kind of link")
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("after")
        writer.string(after?.rawValue)
        writer.key("detail")
        writer.string(detail)
        writer.key("item")
        writer.string(item.rawValue)
        writer.key("list")
        writer.string(list.rawValue)
        writer.key("text")
        writer.string(text)
        writer.endObject()
    }
}
