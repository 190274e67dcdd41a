/// Names one timeline entry within its incident.
public struct EntryID: HexIdentifier {
    public let rawValue: String

    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }
}
