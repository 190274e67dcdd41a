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

    /// The same payload with the ops it overwrites renamed by `rename` (ops re-made under
    /// another id keep naming what they saw).
    public func renamingOverwrites(_ rename: (OperationID) -> OperationID) -> Payload {
        switch self {
        case .setField(var body):
            body.overwrites = body.overwrites.map(rename)
            return .setField(body)
        case .editEntry(var body):
            body.overwrites = body.overwrites.map(rename)
            return .editEntry(body)
        case .createIncident, .addEntry, .redactEntry:
            return self
        }
    }

    /// Reads the body of an operation of `kind`.
    init(kind: OperationKind, reader: inout JSONReader) throws(CoreError) {
        switch kind {
        case .createIncident: self = .createIncident(try CreateIncident(reader: &reader))
        case .setField: self = .setField(try SetField(reader: &reader))
        case .addEntry: self = .addEntry(try AddEntry(reader: &reader))
        case .editEntry: self = .editEntry(try EditEntry(reader: &reader))
        case .redactEntry: self = .redactEntry(try RedactEntry(reader: &reader))
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
