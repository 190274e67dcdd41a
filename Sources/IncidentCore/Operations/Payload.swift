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

    /// Reads the body of an operation of `kind`.
    init(kind: OperationKind, json: JSONValue) throws(CoreError) {
        let members = try json.members("the body")
        switch kind {
        case .createIncident: self = .createIncident(try CreateIncident(json: members))
        case .setField: self = .setField(try SetField(json: members))
        case .addEntry: self = .addEntry(try AddEntry(json: members))
        case .editEntry: self = .editEntry(try EditEntry(json: members))
        case .redactEntry: self = .redactEntry(try RedactEntry(json: members))
        }
    }

    /// Writes the body alone (the envelope names the kind).
    func write(to writer: inout JSONWriter) {
        switch self {
        case .createIncident(let body): body.write(to: &writer)
        case .setField(let body): body.write(to: &writer)
        case .addEntry(let body): body.write(to: &writer)
        case .editEntry(let body): body.write(to: &writer)
        case .redactEntry(let body): body.write(to: &writer)
        }
    }
}
