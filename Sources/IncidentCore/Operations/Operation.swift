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
    /// - 2: the runbook's lists and postmortem: item.add, item.set, item.remove, alarm.set,
    ///   and field.set of the postmortem fields. An op carries the oldest version that
    ///   reads it (`Payload.formatVersion`), so ops of the first kinds still read as 1.
    /// - 3: item.redact, the redaction of a note line (or any list item).
    /// - 4: entry.move, a timeline entry's event time set anew.
    public static let formatVersion = 4

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
    init(reader: inout JSONReader) throws(CoreError) {
        var version: Int64?
        var replica: String?
        var sequence: Int64?
        var hlc: Range<Int>?
        var author: String?
        var incident: String?
        var kindText: String?
        var body: Range<Int>?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "v": version = try reader.readInteger()
            case "replica": replica = try reader.readString()
            case "seq": sequence = try reader.readInteger()
            case "hlc": hlc = try reader.skipValue()
            case "author": author = try reader.readString()
            case "incident": incident = try reader.readString()
            case "kind": kindText = try reader.readString()
            case "body": body = try reader.skipValue()
            default: try reader.skipValue()
            }
        }
        guard try JSONReader.required(version, "v") <= Int64(Operation.formatVersion) else {
            throw .unsupportedFormat(version: Int(version!))
        }
        let replicaID = try JSONReader.parsed(replica, "replica", ReplicaID.init(rawValue:))
        let seq = try JSONReader.required(sequence, "seq")
        guard (1...VersionVector.maximumSeq).contains(seq) else {
            throw .malformedOperation("seq \(seq) is not between 1 and \(VersionVector.maximumSeq)")
        }
        var clockReader = reader.reader(of: try JSONReader.required(hlc, "hlc"))
        let timestamp = try clockReader.readToEnd { reader throws(CoreError) in
            try reader.readPlainText { HybridTimestamp(utf8: $0, replica: replicaID) }
        }
        guard let timestamp else {
            // Say which: a clock of another replica, or no clock at all.
            var textReader = reader.reader(of: hlc!)
            let text = try textReader.readString()
            guard let other = HybridTimestamp(text) else { throw .malformedOperation("'hlc' is not valid: '\(text)'") }
            throw .malformedOperation("clock of \(replicaID):\(seq) names another replica (\(other.replica))")
        }
        let kindName = try JSONReader.required(kindText, "kind")
        guard let kind = OperationKind(rawValue: kindName) else {
            throw .malformedOperation("unknown kind '\(kindName)'")
        }
        var bodyReader = reader.reader(of: try JSONReader.required(body, "body"))
        self.init(
            id: OperationID(replica: replicaID, seq: seq), hlc: timestamp,
            author: try JSONReader.required(author, "author"),
            incident: try JSONReader.parsed(incident, "incident", IncidentID.init(rawValue:)),
            payload: try bodyReader.readToEnd { reader throws(CoreError) in try Payload(kind: kind, reader: &reader) })
        // One op, one encoding: its version is the one its payload is written with.
        guard version == Int64(payload.formatVersion) else {
            throw .malformedOperation(
                "a \(kindName) op of format \(version!) is written as format \(payload.formatVersion)")
        }
        try checkTextLimits()
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
        writer.integer(payload.formatVersion)
        writer.endObject()
    }
}
