/// Names one operation: the replica that made it and its place in that replica's log.
///
/// Written `<replica>:<seq>` in encodings, which sorts by replica and keeps ids readable.
public struct OperationID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var replica: ReplicaID
    public var seq: Int64

    public init(replica: ReplicaID, seq: Int64) {
        self.replica = replica
        self.seq = seq
    }

    /// Parses `<replica>:<seq>`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let replica = ReplicaID(rawValue: String(parts[0])),
            let seq = Int64(parts[1]), seq > 0
        else { return nil }
        self.init(replica: replica, seq: seq)
    }

    public var description: String { "\(replica.rawValue):\(seq)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.replica, lhs.seq) < (rhs.replica, rhs.seq)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = OperationID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an operation id: '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
