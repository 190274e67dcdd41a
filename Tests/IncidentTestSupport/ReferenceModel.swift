import IncidentCore

/// The merge rules computed the slow, obvious way, from a set of ops all at once:
/// what a replica holding exactly these ops must show. Property tests hold the
/// store's incremental state against it.
///
/// Registers fold with `RegisterHeads(folding:)`, the rule in `IncidentCore`; the
/// rest (which add places an entry, redaction, timeline order) is spelled out here.
public enum ReferenceModel {
    /// The incidents these ops create, each with its timeline.
    public static func incidents(from operations: [Operation]) -> [IncidentID: Incident] {
        var result: [IncidentID: Incident] = [:]
        for (id, ops) in Dictionary(grouping: operations, by: \.incident) {
            if let incident = incident(id, from: ops) { result[id] = incident }
        }
        return result
    }

    private static func incident(_ id: IncidentID, from ops: [Operation]) -> Incident? {
        let creations = ops.filter { $0.kind == .createIncident }.sorted { $0.hlc < $1.hlc }
        guard let creation = creations.first, case .createIncident(let created) = creation.payload else { return nil }
        var conflicts: [FieldConflict] = []
        func field(_ field: IncidentField) -> String? {
            var writes: [(write: RegisterWrite, overwrites: [OperationID])] = []
            for op in ops {
                switch op.payload {
                case .createIncident(let body):
                    if let value = body.initialFields.first(where: { $0.0 == field })?.1 {
                        writes.append((write(op, value), []))
                    }
                case .setField(let body) where body.field == field:
                    writes.append((write(op, body.value), body.overwrites))
                default: break
                }
            }
            let heads = RegisterHeads(folding: writes)
            if heads.isConflicted {
                conflicts.append(FieldConflict(field: field.rawValue, entry: nil, candidates: heads.writes))
            }
            return heads.winner?.value
        }
        let title = field(.title) ?? ""
        let severity = field(.severity).flatMap { Int($0) }.flatMap(Severity.init(rawValue:)) ?? Severity(rawValue: 3)!
        let status = field(.status).flatMap(IncidentStatus.init(rawValue:)) ?? .reported
        let nonEmpty = { (value: String?) in value.flatMap { $0.isEmpty ? nil : $0 } }
        let lead = nonEmpty(field(.lead))
        let mitigation = nonEmpty(field(.mitigation))
        let solution = nonEmpty(field(.solution))

        let redacted = Set(
            ops.compactMap { op -> EntryID? in
                if case .redactEntry(let body) = op.payload { return body.entry }
                return nil
            })
        var adds: [EntryID: (op: Operation, body: AddEntry)] = [:]
        var textWrites: [EntryID: [(write: RegisterWrite, overwrites: [OperationID])]] = [:]
        // An entry's time: its moves alone, each of which overwrites the time it was added with.
        var moves: [EntryID: [(write: RegisterWrite, overwrites: [OperationID])]] = [:]
        var movedTo: [OperationID: Int64] = [:]
        for op in ops {
            switch op.payload {
            case .addEntry(let body):
                if adds[body.entry].map({ op.hlc < $0.op.hlc }) ?? true { adds[body.entry] = (op, body) }
                textWrites[body.entry, default: []].append((write(op, body.text), []))
            case .editEntry(let body):
                textWrites[body.entry, default: []].append((write(op, body.text), body.overwrites))
            case .moveEntry(let body):
                moves[body.entry, default: []].append(
                    (write(op, ISOTime.format(milliseconds: body.at)), body.overwrites))
                movedTo[op.id] = body.at
            default: break
            }
        }
        var timeline: [(hlc: HybridTimestamp, entry: TimelineEntry)] = []
        for (entry, add) in adds {
            let heads = RegisterHeads(folding: textWrites[entry] ?? [])
            let isRedacted = redacted.contains(entry)
            if heads.isConflicted, !isRedacted {
                conflicts.append(FieldConflict(field: "text", entry: entry, candidates: heads.writes))
            }
            let time = RegisterHeads(folding: moves[entry] ?? [])
            if time.isConflicted {
                conflicts.append(FieldConflict(field: "at", entry: entry, candidates: time.writes))
            }
            let at = time.winner.flatMap { movedTo[$0.operation] }
            let text = isRedacted ? "" : heads.winner?.value ?? ""
            timeline.append(
                (
                    add.op.hlc,
                    TimelineEntry(
                        id: entry, at: at ?? add.body.at, author: add.op.author, kind: add.body.kind, text: text,
                        redacted: isRedacted)
                ))
        }
        timeline.sort { ($0.entry.at, $0.hlc, $0.entry.id) < ($1.entry.at, $1.hlc, $1.entry.id) }
        let postmortem = Postmortem(
            summary: nonEmpty(field(.summary)),
            whys: (1...Postmortem.whyCount).map { nonEmpty(field(Postmortem.whyField($0)!)) })
        var incident = Incident(
            id: id, title: title, severity: severity, status: status, lead: lead, mitigation: mitigation,
            solution: solution, startedAt: created.at, reportedBy: creation.author,
            conflicts: conflicts.sorted { ($0.entry?.rawValue ?? "", $0.field) < ($1.entry?.rawValue ?? "", $1.field) },
            timeline: timeline.map(\.entry))
        incident.postmortem = postmortem
        incident.people = Set(ops.map(\.author)).sorted()
        fillLists(of: &incident, from: ops)
        return incident
    }

    /// Notes, links, action items and alarms: every item's fields are the write with the
    /// greatest clock, an item removed anywhere is gone, notes are in `NoteOrder`.
    private static func fillLists(of incident: inout Incident, from ops: [Operation]) {
        var adds: [ItemID: (op: Operation, body: AddItem)] = [:]
        var values: [ItemID: [ItemField: (hlc: HybridTimestamp, value: String)]] = [:]
        var removed: Set<ItemID> = []
        var alarms: [String: (op: Operation, body: SetAlarm)] = [:]
        func write(_ item: ItemID, _ field: ItemField, _ value: String, _ hlc: HybridTimestamp) {
            if values[item]?[field].map({ $0.hlc < hlc }) ?? true { values[item, default: [:]][field] = (hlc, value) }
        }
        for op in ops {
            switch op.payload {
            case .addItem(let body):
                if adds[body.item].map({ op.hlc < $0.op.hlc }) ?? true { adds[body.item] = (op, body) }
                write(body.item, .text, body.text, op.hlc)
                if body.list != .note { write(body.item, .owner, body.detail, op.hlc) }
            case .setItem(let body):
                write(body.item, body.field, body.value, op.hlc)
            case .removeItem(let body):
                removed.insert(body.item)
            case .redactItem(let body):
                removed.insert(body.item)
            case .setAlarm(let body):
                if alarms[body.name].map({ $0.op.hlc < op.hlc }) ?? true { alarms[body.name] = (op, body) }
            default: break
            }
        }
        let added = adds.values.sorted { $0.op.hlc < $1.op.hlc }
        func value(_ item: ItemID, _ field: ItemField) -> String? { values[item]?[field]?.value }
        incident.notes = NoteOrder.visible(
            added.filter { $0.body.list == .note }.map { add in
                NoteLine(
                    id: add.body.item, after: add.body.after, inserted: add.op.hlc, author: add.op.author,
                    text: value(add.body.item, .text) ?? "", removed: removed.contains(add.body.item))
            })
        let present = added.filter { !removed.contains($0.body.item) }
        incident.links = present.filter { $0.body.list == .link }.compactMap { add in
            LinkKind(rawValue: value(add.body.item, .owner) ?? "").map {
                Link(
                    id: add.body.item, url: value(add.body.item, .text) ?? "", kind: $0, author: add.op.author,
                    added: add.op.hlc)
            }
        }
        incident.actions = present.filter { $0.body.list == .action }.map { add in
            ActionItem(
                id: add.body.item, text: value(add.body.item, .text) ?? "", owner: value(add.body.item, .owner) ?? "",
                done: value(add.body.item, .done) == "yes", author: add.op.author, added: add.op.hlc)
        }
        incident.alarms = alarms.values.sorted { $0.body.name.utf8.lexicographicallyPrecedes($1.body.name.utf8) }.map {
            Alarm(name: $0.body.name, silenced: $0.body.silenced, until: $0.body.until, author: $0.op.author)
        }
    }

    private static func write(_ op: Operation, _ value: String) -> RegisterWrite {
        RegisterWrite(operation: op.id, hlc: op.hlc, author: op.author, value: value)
    }
}
