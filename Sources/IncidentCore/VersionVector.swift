/// For each replica, the highest seq held with none missing below it.
///
/// Two replicas exchange vectors to learn what the other lacks: every op of
/// replica R with seq above the other's entry for R.
public struct VersionVector: Hashable, Sendable {
    /// The greatest seq a vector read from a peer may name (2^53 - 1, exact in any
    /// JSON reader): a replica writing a thousand ops a second would take 285,000
    /// years to reach it, and sums of a few such seqs cannot overflow.
    public static let maximumSeq: Int64 = (1 << 53) - 1

    public private(set) var seqs: [ReplicaID: Int64]

    public init(_ seqs: [ReplicaID: Int64] = [:]) {
        self.seqs = seqs.filter { $0.value > 0 }
    }

    /// The highest contiguous seq held of `replica`, 0 when none.
    public subscript(replica: ReplicaID) -> Int64 {
        get { seqs[replica] ?? 0 }
        set { seqs[replica] = newValue > 0 ? newValue : nil }
    }
}

/// Encoded as a JSON object from replica id to seq.
extension VersionVector: Codable {
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Int64].self)
        var seqs: [ReplicaID: Int64] = [:]
        for (key, seq) in raw {
            guard let replica = ReplicaID(rawValue: key), (0...Self.maximumSeq).contains(seq) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "bad version vector entry '\(key)'"))
            }
            seqs[replica] = seq
        }
        self.init(seqs)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: seqs.map { ($0.key.rawValue, $0.value) }))
    }
}
