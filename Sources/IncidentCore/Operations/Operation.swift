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

extension Operation {
    /// Reads an operation from its JSON form, checking version, kind and values.
    init(json: JSONValue) throws(CoreError) {
        let members = try json.members("the operation")
        let version = try members.integer("v")
        guard version <= Int64(Operation.formatVersion) else { throw .unsupportedFormat(version: Int(version)) }
        let replica = try members.parsed("replica", ReplicaID.init(rawValue:))
        let seq = try members.integer("seq")
        guard seq > 0 else { throw .malformedOperation("seq \(seq) is not positive") }
        let hlc = try members.parsed("hlc", HybridTimestamp.init)
        guard hlc.replica == replica else {
            throw .malformedOperation("clock of \(replica):\(seq) names another replica")
        }
        let kindName = try members.string("kind")
        guard let kind = OperationKind(rawValue: kindName) else {
            throw .malformedOperation("unknown kind '\(kindName)'")
        }
        guard let body = members["body"] else { throw .malformedOperation("'body' is missing") }
        self.init(
            id: OperationID(replica: replica, seq: seq), hlc: hlc, author: try members.string("author"),
            incident: try members.parsed("incident", IncidentID.init(rawValue:)),
            payload: try Payload(kind: kind, json: body))
    }

    /// Writes the operation's JSON form, keys sorted.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("author")
        writer.string(author)
        writer.key("body")
        payload.write(to: &writer)
        writer.key("hlc")
        writer.string(hlc.description)
        writer.key("incident")
        writer.string(incident.rawValue)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("replica")
        writer.string(id.replica.rawValue)
        writer.key("seq")
        writer.integer(id.seq)
        writer.key("v")
        writer.integer(Operation.formatVersion)
        writer.endObject()
    }
}
