/// Names one member of an incident's lists: a line of its shared notes, a link, an action item.
public struct ItemID: HexIdentifier {
    public let rawValue: String

    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }
}
