/// One operation: the only thing a replica ever writes or syncs.
///
/// Operations are immutable (but for redaction, which blanks text in place) and
/// applying one is idempotent, so replicas that hold the same operations hold the
/// same state whatever order they arrived in.
///
/// The encoding is JSON with sorted keys: `v`, `replica`, `seq`, `hlc`, `author`,
/// `incident`, `kind`, `body`. Golden encodings of every kind are in
/// `Fixtures/operations/`; changing one is a format change.
public struct Operation: Hashable, Sendable {
    /// The version of the encoding this build writes and the newest it reads.
    ///
    /// History:
    /// - 1: the first format (incident.create, field.set, entry.add, entry.edit, entry.redact).
    public static let formatVersion = 1

    public var id: OperationID
    public var hlc: HybridTimestamp
    /// The display name of the maintainer who made it.
    public var author: String
    public var incident: IncidentID
    public var payload: Payload

    public init(id: OperationID, hlc: HybridTimestamp, author: String, incident: IncidentID, payload: Payload) {
        self.id = id
        self.hlc = hlc
        self.author = author
        self.incident = incident
        self.payload = payload
    }

    public var kind: OperationKind { payload.kind }
}

extension Operation: Codable {
    private enum CodingKeys: String, CodingKey {
        case version = "v"
        case replica, seq, hlc, author, incident, kind, body
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version <= Operation.formatVersion else { throw CoreError.unsupportedFormat(version: version) }
        let replica = try container.decode(ReplicaID.self, forKey: .replica)
        let seq = try container.decode(Int64.self, forKey: .seq)
        guard seq > 0 else { throw CoreError.malformedOperation("seq \(seq) is not positive") }
        let hlc = try container.decode(HybridTimestamp.self, forKey: .hlc)
        guard hlc.replica == replica else {
            throw CoreError.malformedOperation("clock of \(replica):\(seq) names another replica")
        }
        let kindName = try container.decode(String.self, forKey: .kind)
        guard let kind = OperationKind(rawValue: kindName) else {
            throw CoreError.malformedOperation("unknown kind '\(kindName)'")
        }
        self.init(
            id: OperationID(replica: replica, seq: seq),
            hlc: hlc,
            author: try container.decode(String.self, forKey: .author),
            incident: try container.decode(IncidentID.self, forKey: .incident),
            payload: try Payload(kind: kind, decodingFrom: container.superDecoder(forKey: .body)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Operation.formatVersion, forKey: .version)
        try container.encode(id.replica, forKey: .replica)
        try container.encode(id.seq, forKey: .seq)
        try container.encode(hlc, forKey: .hlc)
        try container.encode(author, forKey: .author)
        try container.encode(incident, forKey: .incident)
        try container.encode(kind.rawValue, forKey: .kind)
        try payload.encodeBody(to: container.superEncoder(forKey: .body))
    }
}
