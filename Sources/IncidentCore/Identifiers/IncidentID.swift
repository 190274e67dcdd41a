/// Names one incident on every replica.
public struct IncidentID: HexIdentifier {
    public let rawValue: String

    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }
}
