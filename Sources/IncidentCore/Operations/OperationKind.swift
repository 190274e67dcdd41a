/// Every kind of operation, by its name in the encoding.
public enum OperationKind: String, CaseIterable, Sendable {
    case createIncident = "incident.create"
    case setField = "field.set"
    case addEntry = "entry.add"
    case editEntry = "entry.edit"
    case redactEntry = "entry.redact"
    case addItem = "item.add"
    case setItem = "item.set"
    case removeItem = "item.remove"
    case setAlarm = "alarm.set"
    case redactItem = "item.redact"
    case moveEntry = "entry.move"
    case admitMember = "team.admit"
    case removeMember = "team.remove"
    case succeedMember = "team.succeed"
}
