/// Names one incident on every replica.
public struct IncidentID: HexIdentifier {
    public let rawValue: String

    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }

    /// The id the team's roster ops are filed under: every op names an incident, and a
    /// random id is never all zeros. No incident is ever created under it.
    public static let team = IncidentID(uncheckedRawValue: String(repeating: "0", count: length))
}
