/// What an operation does: one case per kind, each kind in its own file.
public enum Payload: Hashable, Sendable {
    case createIncident(CreateIncident)
    case setField(SetField)
    case addEntry(AddEntry)
    case editEntry(EditEntry)
    case redactEntry(RedactEntry)

    public var kind: OperationKind {
        switch self {
        case .createIncident: return .createIncident
        case .setField: return .setField
        case .addEntry: return .addEntry
        case .editEntry: return .editEntry
        case .redactEntry: return .redactEntry
        }
    }

    /// The timeline entry this payload is about, if any.
    public var entry: EntryID? {
        switch self {
        case .addEntry(let body): return body.entry
        case .editEntry(let body): return body.entry
        case .redactEntry(let body): return body.entry
        case .createIncident, .setField: return nil
        }
    }

    /// The same payload with any entry text blanked, as a redaction leaves it.
    public func redacted() -> Payload {
        switch self {
        case .addEntry(var body):
            body.text = ""
            return .addEntry(body)
        case .editEntry(var body):
            body.text = ""
            return .editEntry(body)
        case .createIncident, .setField, .redactEntry:
            return self
        }
    }

    /// Decodes the body of an operation of `kind`.
    public init(kind: OperationKind, decodingFrom decoder: any Decoder) throws {
        switch kind {
        case .createIncident: self = .createIncident(try CreateIncident(from: decoder))
        case .setField: self = .setField(try SetField(from: decoder))
        case .addEntry: self = .addEntry(try AddEntry(from: decoder))
        case .editEntry: self = .editEntry(try EditEntry(from: decoder))
        case .redactEntry: self = .redactEntry(try RedactEntry(from: decoder))
        }
    }

    /// Encodes the body alone (the envelope names the kind).
    public func encodeBody(to encoder: any Encoder) throws {
        switch self {
        case .createIncident(let body): try body.encode(to: encoder)
        case .setField(let body): try body.encode(to: encoder)
        case .addEntry(let body): try body.encode(to: encoder)
        case .editEntry(let body): try body.encode(to: encoder)
        case .redactEntry(let body): try body.encode(to: encoder)
        }
    }
}
