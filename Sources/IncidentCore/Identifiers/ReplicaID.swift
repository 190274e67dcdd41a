/// Names one replica: made once, at `init` or first write, and never changed.
public struct ReplicaID: HexIdentifier {
    public let rawValue: String

    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }
}
