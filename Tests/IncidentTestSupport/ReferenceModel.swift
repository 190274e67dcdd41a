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
        for op in ops {
            switch op.payload {
            case .addEntry(let body):
                if adds[body.entry].map({ op.hlc < $0.op.hlc }) ?? true { adds[body.entry] = (op, body) }
                textWrites[body.entry, default: []].append((write(op, body.text), []))
            case .editEntry(let body):
                textWrites[body.entry, default: []].append((write(op, body.text), body.overwrites))
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
            let text = isRedacted ? "" : heads.winner?.value ?? ""
            timeline.append(
                (
                    add.op.hlc,
                    TimelineEntry(
                        id: entry, at: add.body.at, author: add.op.author, kind: add.body.kind, text: text,
                        redacted: isRedacted)
                ))
        }
        timeline.sort { ($0.entry.at, $0.hlc, $0.entry.id) < ($1.entry.at, $1.hlc, $1.entry.id) }
        return Incident(
            id: id, title: title, severity: severity, status: status, lead: lead, mitigation: mitigation,
            solution: solution, startedAt: created.at, reportedBy: creation.author,
            conflicts: conflicts.sorted { ($0.entry?.rawValue ?? "", $0.field) < ($1.entry?.rawValue ?? "", $1.field) },
            timeline: timeline.map(\.entry))
    }

    private static func write(_ op: Operation, _ value: String) -> RegisterWrite {
        RegisterWrite(operation: op.id, hlc: op.hlc, author: op.author, value: value)
    }
}
