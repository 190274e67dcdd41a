/// What an operation does: one case per kind, each kind in its own file.
public enum Payload: Hashable, Sendable {
    case createIncident(CreateIncident)
    case setField(SetField)
    case addEntry(AddEntry)
    case editEntry(EditEntry)
    case redactEntry(RedactEntry)
    case addItem(AddItem)
    case setItem(SetItem)
    case removeItem(RemoveItem)
    case setAlarm(SetAlarm)
    case redactItem(RedactItem)
    case moveEntry(MoveEntry)
    case admitMember(AdmitMember)
    case removeMember(RemoveMember)
    case succeedMember(SucceedMember)

    public var kind: OperationKind {
        switch self {
        case .createIncident: return .createIncident
        case .setField: return .setField
        case .addEntry: return .addEntry
        case .editEntry: return .editEntry
        case .redactEntry: return .redactEntry
        case .addItem: return .addItem
        case .setItem: return .setItem
        case .removeItem: return .removeItem
        case .setAlarm: return .setAlarm
        case .redactItem: return .redactItem
        case .moveEntry: return .moveEntry
        case .admitMember: return .admitMember
        case .removeMember: return .removeMember
        case .succeedMember: return .succeedMember
        }
    }

    /// The oldest operation format that reads this payload: each op carries it, so a
    /// replica built before a kind existed refuses an op of it with "upgrade", and keeps
    /// reading the kinds it knows.
    public var formatVersion: Int {
        switch self {
        case .createIncident, .addEntry, .editEntry, .redactEntry: return 1
        case .setField(let body): return body.field.isPostmortem ? 2 : 1
        case .addItem, .setItem, .removeItem, .setAlarm: return 2
        case .redactItem: return 3
        case .moveEntry: return 4
        case .admitMember, .removeMember: return 6
        case .succeedMember: return 7
        }
    }

    /// The timeline entry this payload is about, if any.
    public var entry: EntryID? {
        switch self {
        case .addEntry(let body): return body.entry
        case .editEntry(let body): return body.entry
        case .redactEntry(let body): return body.entry
        case .moveEntry(let body): return body.entry
        case .createIncident, .setField, .addItem, .setItem, .removeItem, .setAlarm, .redactItem, .admitMember,
            .removeMember, .succeedMember:
            return nil
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
        case .addItem(var body):
            body.text = ""
            return .addItem(body)
        case .setItem(var body) where body.field == .text:
            body.value = ""
            return .setItem(body)
        case .createIncident, .setField, .redactEntry, .setItem, .removeItem, .setAlarm, .redactItem, .moveEntry,
            .admitMember, .removeMember, .succeedMember:
            return self
        }
    }

    /// The text a redaction of `redactionTarget` blanks, if the payload has one.
    public var redactableText: String? {
        switch self {
        case .addEntry(let body): return body.text
        case .editEntry(let body): return body.text
        case .addItem(let body): return body.text
        case .setItem(let body) where body.field == .text: return body.value
        case .createIncident, .setField, .redactEntry, .setItem, .removeItem, .setAlarm, .redactItem, .moveEntry,
            .admitMember, .removeMember, .succeedMember:
            return nil
        }
    }

    /// The id whose redaction blanks this payload's text (`redacted()`): an entry's for
    /// its add and edits, an item's for its add and the writes of its text; its bytes
    /// key the store's tombstones, which ids of both kinds share.
    public var redactionTarget: [UInt8]? {
        switch self {
        case .addEntry(let body): return body.entry.bytes
        case .editEntry(let body): return body.entry.bytes
        case .addItem(let body): return body.item.bytes
        case .setItem(let body) where body.field == .text: return body.item.bytes
        case .createIncident, .setField, .redactEntry, .setItem, .removeItem, .setAlarm, .redactItem, .moveEntry,
            .admitMember, .removeMember, .succeedMember:
            return nil
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
        case .moveEntry(var body):
            body.overwrites = body.overwrites.map(rename)
            return .moveEntry(body)
        case .admitMember(var body):
            body.overwrites = body.overwrites.map(rename)
            return .admitMember(body)
        case .removeMember(var body):
            body.overwrites = body.overwrites.map(rename)
            return .removeMember(body)
        case .createIncident, .addEntry, .redactEntry, .addItem, .setItem, .removeItem, .setAlarm, .redactItem,
            .succeedMember:
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
        case .addItem: self = .addItem(try AddItem(reader: &reader))
        case .setItem: self = .setItem(try SetItem(reader: &reader))
        case .removeItem: self = .removeItem(try RemoveItem(reader: &reader))
        case .setAlarm: self = .setAlarm(try SetAlarm(reader: &reader))
        case .redactItem: self = .redactItem(try RedactItem(reader: &reader))
        case .moveEntry: self = .moveEntry(try MoveEntry(reader: &reader))
        case .admitMember: self = .admitMember(try AdmitMember(reader: &reader))
        case .removeMember: self = .removeMember(try RemoveMember(reader: &reader))
        case .succeedMember: self = .succeedMember(try SucceedMember(reader: &reader))
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
        case .addItem(let body): body.write(to: &writer)
        case .setItem(let body): body.write(to: &writer)
        case .removeItem(let body): body.write(to: &writer)
        case .setAlarm(let body): body.write(to: &writer)
        case .redactItem(let body): body.write(to: &writer)
        case .moveEntry(let body): body.write(to: &writer)
        case .admitMember(let body): body.write(to: &writer)
        case .removeMember(let body): body.write(to: &writer)
        case .succeedMember(let body): body.write(to: &writer)
        }
    }
}
