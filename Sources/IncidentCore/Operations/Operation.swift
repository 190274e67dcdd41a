/// One operation: the only thing a replica ever writes or syncs.
///
/// Operations are immutable (but for redaction, which blanks text in place) and
/// applying one is idempotent, so replicas that hold the same operations hold the
/// same state whatever order they arrived in.
///
/// The encoding is JSON with sorted keys: `v`, `replica`, `seq`, `hlc`, `author`,
/// `incident`, `kind`, `body`, and where present `seal` and `blanked` (which a replica of
/// format 4 or older skips, as it skips any key it does not know). Golden encodings of
/// every kind are in `Fixtures/operations/`; changing one is a format change.
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
    /// - 5: signed chains: the `seal` on the last op of each run, and `blanked`, the hash of
    ///   a text a redaction blanked (`OperationChain`). Keys of the envelope, not kinds: an op
    ///   keeps its payload's version, and a replica of format 4 reads it, seal unchecked.
    /// - 6: the team roster: team.admit and team.remove (`TeamRoster`), under the reserved
    ///   incident id `IncidentID.team`.
    /// - 7: team.succeed, a copy of a member's replica file going on under its own id in the
    ///   member's place, signed by the member's key.
    public static let formatVersion = 7

    public var id: OperationID
    public var hlc: HybridTimestamp
    /// The display name of the maintainer who made it.
    public var author: String
    public var incident: IncidentID
    public var payload: Payload
    /// The replica's signature over its chain up to this op, on the last op of each run of
    /// ops written together (`OperationChain`); `nil` on the others, and on ops of replicas
    /// that never signed.
    public var seal: Seal?
    /// The SHA-256 of the text a redaction blanked in this op, which its chain commits to
    /// (`OperationChain.digest(of:)`); `nil` for an op whose text is as written.
    public var blankedText: [UInt8]?

    public init(
        id: OperationID, hlc: HybridTimestamp, author: String, incident: IncidentID, payload: Payload,
        seal: Seal? = nil, blankedText: [UInt8]? = nil
    ) {
        self.id = id
        self.hlc = hlc
        self.author = author
        self.incident = incident
        self.payload = payload
        self.seal = seal
        self.blankedText = blankedText
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
        var sealText: String?
        var blankedText: String?
        try reader.readObject { reader, key throws(CoreError) in
            switch key {
            case "seal": sealText = try reader.readString()
            case "blanked": blankedText = try reader.readString()
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
            payload: try bodyReader.readToEnd { reader throws(CoreError) in try Payload(kind: kind, reader: &reader) },
            seal: try sealText.map { text throws(CoreError) in
                guard let seal = Seal(text: text) else { throw .malformedOperation("'seal' is not valid") }
                return seal
            },
            blankedText: try blankedText.map { text throws(CoreError) in
                guard let hash = HexDigits.bytes(of: text), hash.count == 32 else {
                    throw .malformedOperation("'blanked' is not a SHA-256 in hex")
                }
                return hash
            })
        // The roster's ops, and only they, are filed under the team's reserved id.
        guard (self.incident == .team) == payload.isRosterChange else {
            throw .malformedOperation("a \(kindName) op under incident \(self.incident)")
        }
        // A text's hash stands in for it only where a redaction blanked it.
        if self.blankedText != nil, payload.redactableText?.isEmpty != true {
            throw .malformedOperation("'blanked' on an op whose text is not blank")
        }
        // One op, one encoding: its version is the one its payload is written with.
        guard version == Int64(payload.formatVersion) else {
            throw .malformedOperation(
                "a \(kindName) op of format \(version!) is written as format \(payload.formatVersion)")
        }
        try checkTextLimits()
    }

    /// Writes the operation's JSON form, keys sorted.
    func write(to writer: inout JSONWriter) {
        write(to: &writer, payload: payload, blankedText: blankedText, seal: seal)
    }

    /// Writes the op as its chain commits to it (`OperationChain`): its redactable text
    /// blanked, with neither `blanked` nor `seal`.
    func writeCommitted(to writer: inout JSONWriter) {
        write(to: &writer, payload: payload.redacted(), blankedText: nil, seal: nil)
    }

    private func write(to writer: inout JSONWriter, payload: Payload, blankedText: [UInt8]?, seal: Seal?) {
        writer.beginObject()
        writer.key("author")
        writer.string(author)
        if let blankedText {
            writer.key("blanked")
            writer.string(HexDigits.string(of: blankedText))
        }
        writer.key("body")
        payload.write(to: &writer)
        writer.key("hlc")
        writer.timestamp(hlc)
        writer.key("incident")
        writer.string(incident.rawValue)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("replica")
        writer.string(id.replica.rawValue)
        if let seal {
            writer.key("seal")
            writer.string(seal.text)
        }
        writer.key("seq")
        writer.integer(id.seq)
        writer.key("v")
        writer.integer(payload.formatVersion)
        writer.endObject()
    }
}
